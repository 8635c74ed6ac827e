using System.Text.RegularExpressions;

namespace StreamJobs.Mql.Benchmarks;

/// <summary>The records, the MQL condition and the hand-written C# doing the same work.</summary>
public static class Workload
{
    public const string Where =
        "service == 'checkout' and resource.region == 'eu-west' and durationMicros > 1000 " +
        "and tags['http.url'] ==~ /^\\/api\\/v[0-9]+\\/orders/ and spans[*].status == 'ERROR'";

    public static readonly MqlSchema<BenchSpan> SpanSchema = MqlSchema<BenchSpan>.Build(b => b
        .Property("name", s => s.Name)
        .Property("status", s => s.Status)
        .Property("durationMicros", s => s.DurationMicros)
        .Map("tags", s => s.Tags));

    public static readonly MqlSchema<BenchTrace> TraceSchema = MqlSchema<BenchTrace>.Build(b => b
        .Property("traceId", t => t.TraceId)
        .Property("service", t => t.Service)
        .Property("durationMicros", t => t.DurationMicros)
        .Object("resource", t => t.Resource, MqlSchema<BenchResource>.Build(r => r.Property("region", x => x.Region).Property("replicas", x => x.Replicas)))
        .List("spans", t => t.Spans, SpanSchema)
        .Map("tags", t => t.Tags));

    private static readonly Regex UrlPattern = new(@"^/api/v[0-9]+/orders", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));

    /// <summary>What an engineer would write by hand for the same condition.</summary>
    public static bool HandWritten(BenchTrace t)
    {
        if (t.Service != "checkout" || t.Resource?.Region != "eu-west" || t.DurationMicros <= 1000)
        {
            return false;
        }

        if (!t.Tags.TryGetValue("http.url", out var url) || !UrlPattern.IsMatch(url))
        {
            return false;
        }

        foreach (var span in t.Spans)
        {
            if (span.Status == "ERROR")
            {
                return true;
            }
        }

        return false;
    }

    public static BenchTrace[] Records(int count, int seed)
    {
        var random = new Random(seed);
        string[] services = ["checkout", "checkout", "search", "auth"];
        string[] regions = ["eu-west", "us-east"];
        string[] urls = ["/api/v1/orders/17", "/api/v2/orders", "/api/v1/users/3", "/health"];
        string[] statuses = ["OK", "OK", "OK", "ERROR"];
        var records = new BenchTrace[count];
        for (var i = 0; i < count; i++)
        {
            var spans = new BenchSpan[random.Next(1, 6)];
            for (var s = 0; s < spans.Length; s++)
            {
                spans[s] = new BenchSpan($"op{s}", statuses[random.Next(statuses.Length)], random.Next(10, 5000), new() { ["peer"] = "db" });
            }

            records[i] = new BenchTrace(
                $"{i:x16}",
                services[random.Next(services.Length)],
                random.Next(100, 10_000),
                new BenchResource(regions[random.Next(regions.Length)], 3),
                spans,
                new() { ["http.url"] = urls[random.Next(urls.Length)], ["env"] = "prod" });
        }

        return records;
    }
}
