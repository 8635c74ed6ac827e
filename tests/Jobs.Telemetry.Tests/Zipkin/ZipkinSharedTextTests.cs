using System.Text;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Zipkin;

/// <summary>Spans held for the quiet wait share their repeated text and endpoints instead of holding a copy each.</summary>
[Collection(StreamJobs.Telemetry.Tests.Support.SharedTextCollection.Name)]
public sealed class ZipkinSharedTextTests
{
    [Fact]
    public void Spans_of_a_body_share_names_tag_keys_short_values_and_equal_endpoints()
    {
        var spans = Parse(Body(4));

        Assert.Equal(4, spans.Count);
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.Same(spans[0].Name, spans[i].Name);
            Assert.Same(spans[0].ServiceName, spans[i].ServiceName);
            Assert.Same(spans[0].LocalEndpoint, spans[i].LocalEndpoint);
            Assert.Same(spans[0].RemoteEndpoint, spans[i].RemoteEndpoint);
            Assert.Same(spans[0].Attributes[0].Key, spans[i].Attributes[0].Key);
            Assert.Same(spans[0].Attributes[0].Value.AsString, spans[i].Attributes[0].Value.AsString);
        }
    }

    [Fact]
    public void Spans_of_different_bodies_share_text_too_and_long_values_stay_their_own()
    {
        var first = Parse(Body(1))[0];
        var second = Parse(Body(1))[0];

        Assert.Same(first.Name, second.Name);
        Assert.Same(first.Attributes[0].Key, second.Attributes[0].Key);
        Assert.Equal(first.Attributes[1].Value.AsString, second.Attributes[1].Value.AsString);
        Assert.NotSame(first.Attributes[1].Value.AsString, second.Attributes[1].Value.AsString);
    }

    [Fact]
    public void Different_endpoints_are_not_merged_and_the_tags_array_holds_exactly_the_tags()
    {
        var spans = Parse("""
            [{"traceId":"0000000000000001","id":"0000000000000001","localEndpoint":{"serviceName":"a","port":80},"tags":{"k":"v"}},
             {"traceId":"0000000000000001","id":"0000000000000002","localEndpoint":{"serviceName":"a","port":81}}]
            """);

        Assert.Equal(80, spans[0].LocalEndpoint!.Port);
        Assert.Equal(81, spans[1].LocalEndpoint!.Port);
        Assert.Single(Assert.IsType<SpanAttribute[]>(spans[0].Attributes));
        Assert.Empty(spans[1].Attributes);
    }

    [Fact]
    public async Task Threads_share_one_instance_of_a_name_through_their_own_recent_text()
    {
        var here = Parse(Body(1))[0];
        var there = await Task.Factory.StartNew(() => Parse(Body(1))[0], CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.Same(here.Name, there.Name);
        Assert.Same(here.Attributes[0].Key, there.Attributes[0].Key);
    }

    [Fact]
    public void Many_different_names_on_one_thread_each_read_back_exactly()
    {
        // Far more names than the per-thread table holds, so slots collide and are replaced: never a wrong text.
        var names = Enumerable.Range(0, 5_000).Select(i => $"op-{i}").ToArray();
        var json = "[" + string.Join(',', names.Select((n, i) => $$"""{"traceId":"0000000000000001","id":"{{i + 1:x16}}","name":"{{n}}"}""")) + "]";
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(names, Parse(json).Select(span => span.Name));
        }
    }

    private static List<Span> Parse(string json)
    {
        var spans = new List<Span>();
        var errors = new List<StreamJobs.Telemetry.Ingest.SpanParseError>();
        ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes(json), spans, errors);
        Assert.Empty(errors);
        return spans;
    }

    private static string Body(int count) => "[" + string.Join(",", Enumerable.Range(1, count).Select(i =>
        $$$"""{"traceId":"00000000000000000000000000000001","id":"{{{i:x16}}}","name":"get /orders","localEndpoint":{"serviceName":"orders","ipv4":"10.0.0.1"},"remoteEndpoint":{"serviceName":"db"},"tags":{"http.method":"GET","http.url":"{{{new string('u', 100)}}}"}}""")) + "]";
}
