using StreamJobs.Mql.Tests.Support;
using Xunit;
using static StreamJobs.Mql.Tests.Support.TraceBuilder;

namespace StreamJobs.Mql.Tests;

public class MqlSchemaBuilderTests
{
    private static readonly TestTrace Sample = Trace(
        traceId: "abc",
        durationMicros: 2500,
        kind: TestKind.Client,
        resource: new TestResource("eu-west", 3, null),
        spans: [Span("db", "OK", 40, new() { ["db.system"] = "postgres" }), Span("http", "ERROR", 900)],
        hosts: ["h1", "h2"],
        tags: new() { ["http.url"] = "/checkout", ["env"] = "prod" });

    private static MqlValue Read(string path) => Mql.Parse($"select {path}").Compile(TestSchemas.Trace) is var q
        ? ReadColumn(q)
        : default;

    private static MqlValue ReadColumn(MqlCompiledQuery<TestTrace> query)
    {
        var json = Json.Write(w => query.WriteProjection(w, Sample));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return MqlValue.FromJson(doc.RootElement.EnumerateObject().Single().Value.Clone());
    }

    [Fact]
    public void Schema_lists_its_properties_with_nested_shapes()
    {
        var shape = TestSchemas.Trace.Properties;

        Assert.Equal(["traceId", "service", "durationMicros", "error", "kind", "resource", "spans", "hosts", "tags"], shape.Select(p => p.Name));
        Assert.Equal(MqlPropertyKind.Object, shape.Single(p => p.Name == "resource").Kind);
        Assert.Equal(["region", "replicas", "load"], shape.Single(p => p.Name == "resource").Children.Select(c => c.Name));
        Assert.Equal("spans: list of {name: string, status: string, durationMicros: number, tags: map}", shape.Single(p => p.Name == "spans").ToString());
        Assert.False(TestSchemas.Trace.IsDynamic);
        Assert.True(MqlSchema.Json.IsDynamic);
    }

    [Theory]
    [InlineData("traceId", "abc")]
    [InlineData("kind", "Client")]
    [InlineData("resource.region", "eu-west")]
    [InlineData("e['resource']['region']", "eu-west")]
    [InlineData("spans[1].name", "http")]
    [InlineData("e['spans'][0]['tags']['db.system']", "postgres")]
    [InlineData("tags['http.url']", "/checkout")]
    [InlineData("tags.http.url", "/checkout")]
    [InlineData("hosts[1]", "h2")]
    public void Paths_read_strings_from_typed_records(string path, string expected)
    {
        Assert.Equal(expected, Read(path).String);
    }

    [Theory]
    [InlineData("durationMicros", 2500)]
    [InlineData("resource.replicas", 3)]
    [InlineData("spans[0].durationMicros", 40)]
    public void Paths_read_numbers_from_typed_records(string path, double expected)
    {
        Assert.Equal(expected, Read(path).Number);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("resource.load")]
    [InlineData("resource.nope")]
    [InlineData("spans[9].name")]
    [InlineData("tags['missing']")]
    [InlineData("traceId.deeper")]
    public void Missing_or_unknown_paths_read_as_null(string path)
    {
        Assert.True(Read(path).IsNull);
    }

    [Fact]
    public void Unknown_properties_are_reported_at_compile_time()
    {
        var query = Mql.Parse("select traceId, nope, resource.nope where spans[*].bogus == 1").Compile(TestSchemas.Trace);

        Assert.Equal(["nope", "resource.nope", "spans.*.bogus"], query.UnknownProperties.Order());
    }

    [Fact]
    public void Select_star_writes_every_schema_property()
    {
        var json = Json.Write(w => TestSchemas.Trace.WriteRecord(w, Trace(traceId: "x", spans: [Span("a")], tags: new() { ["k"] = "v" })));

        Assert.Equal(
            """{"traceId":"x","service":"api","durationMicros":1000,"error":false,"kind":"Server","resource":null,"spans":[{"name":"a","status":"OK","durationMicros":100,"tags":{}}],"hosts":[],"tags":{"k":"v"}}""",
            json);
    }

    [Fact]
    public void Projection_writes_nested_objects_lists_and_any_element_paths()
    {
        var query = Mql.Parse("select resource, spans[*].name as 'names', hosts, tags").Compile(TestSchemas.Trace);

        var json = Json.Write(w => query.WriteProjection(w, Sample));

        Assert.Equal(
            """{"resource":{"region":"eu-west","replicas":3,"load":null},"names":["db","http"],"hosts":["h1","h2"],"tags":{"http.url":"/checkout","env":"prod"}}""",
            json);
    }

    [Fact]
    public void Declaring_a_property_twice_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MqlSchema<TestTrace>.Build(b => b.Property("a", t => t.TraceId).Property("a", t => t.Service)));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Embedded_json_is_navigated_like_a_json_record()
    {
        var schema = MqlSchema<(string Id, System.Text.Json.JsonElement Payload)>.Build(b => b
            .Property("id", r => r.Id)
            .Json("payload", r => r.Payload));
        var predicate = Mql.CompilePredicate("payload.items[*].sku == 'B2' and id == 'r1'", schema);

        Assert.True(predicate.Matches(("r1", Json.Parse("""{"items":[{"sku":"A1"},{"sku":"B2"}]}"""))));
        Assert.False(predicate.Matches(("r1", Json.Parse("""{"items":[{"sku":"A1"}]}"""))));
    }
}
