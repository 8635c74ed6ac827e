using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

public sealed class TapEndpointTests
{
    [Fact]
    public async Task A_streaming_query_sends_only_matches_and_ends_at_LIMIT_with_a_final_meta_line()
    {
        await using var host = await TapTestHost.StartAsync();
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select seq, kind from readings where kind == 'disk' and value >= 50 limit 5"));

        var results = lines.Where(l => !TapLines.IsMeta(l)).ToList();
        Assert.Equal(5, results.Count);
        foreach (var line in results)
        {
            using var record = JsonDocument.Parse(line);
            Assert.Equal("disk", record.RootElement.GetProperty("kind").GetString());
            Assert.Equal(["seq", "kind"], record.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.True(record.RootElement.GetProperty("seq").GetInt64() % 100 >= 50);
        }
        var first = TapLines.Meta(lines[0]);
        Assert.Equal("typed", first.GetProperty("schema").GetString());
        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("limit", last.GetProperty("end").GetString());
        Assert.Equal(5, last.GetProperty("emitted").GetInt64());
    }

    [Fact]
    public async Task LIMIT_0_sends_no_record_and_ends_at_once()
    {
        await using var host = await TapTestHost.StartAsync();
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select seq from readings limit 0", "&duration=30s"));

        Assert.DoesNotContain(lines, l => !TapLines.IsMeta(l));
        var last = TapLines.Meta(lines[^1]);
        Assert.Equal("limit", last.GetProperty("end").GetString());
        Assert.Equal(0, last.GetProperty("emitted").GetInt64());
    }

    [Fact]
    public async Task A_type_without_a_schema_is_queried_through_its_JSON_form()
    {
        await using var host = await TapTestHost.StartAsync(schema: false);
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select * from readings where kind == 'net' limit 3"));

        Assert.Equal("json", TapLines.Meta(lines[0]).GetProperty("schema").GetString());
        var results = lines.Where(l => !TapLines.IsMeta(l)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal("net", r.GetProperty("kind").GetString()));
        Assert.All(results, r => Assert.Equal(JsonValueKind.Number, r.GetProperty("seq").ValueKind));
    }

    [Fact]
    public async Task A_windowed_aggregate_emits_rows_as_windows_close_and_flushes_at_the_duration()
    {
        await using var host = await TapTestHost.StartAsync();
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select kind, count(*) as n from readings group by kind window 1", "&duration=2500ms"));

        var rows = lines.Where(l => !TapLines.IsMeta(l)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(rows.Count >= 8, "expected rows of at least two windows: " + string.Join("\n", lines));
        Assert.All(rows, r => Assert.Contains(r.GetProperty("kind").GetString(), Reading.Kinds));
        Assert.All(rows, r => Assert.True(r.GetProperty("n").GetInt64() > 0));
        Assert.Equal("duration", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
    }

    [Fact]
    public async Task A_bad_query_is_400_with_line_column_expected_and_a_caret()
    {
        await using var host = await TapTestHost.StartAsync(readings: false);
        using var response = await host.Http.GetAsync(TapTestHost.Query("select * from readings where FROM"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement;
        Assert.Equal("line 1, column 30: expected a property, a literal or '(' but found 'FROM'", error.GetProperty("error").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(30, error.GetProperty("column").GetInt32());
        Assert.Equal("a property, a literal or '('", error.GetProperty("expected").GetString());
        Assert.Equal("select * from readings where FROM\n" + new string(' ', 29) + "^", error.GetProperty("caret").GetString());
    }

    [Fact]
    public async Task An_unknown_stream_is_404_listing_the_streams_and_a_query_without_FROM_is_400()
    {
        await using var host = await TapTestHost.StartAsync();
        await WaitForStreamAsync(host, "readings");

        using var unknown = await host.Http.GetAsync(TapTestHost.Query("select * from nothing"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var body = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.StartsWith("unknown stream 'nothing'; streams here: ", body.RootElement.GetProperty("error").GetString());
        Assert.Contains("readings", body.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetString()));

        using var noFrom = await host.Http.GetAsync(TapTestHost.Query("select *"));
        Assert.Equal(HttpStatusCode.BadRequest, noFrom.StatusCode);
        Assert.Contains("needs FROM <stream>", await noFrom.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_query_can_be_POSTed_and_SSE_is_served_when_asked_for()
    {
        await using var host = await TapTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/taps/query") { Content = new StringContent("select seq from readings limit 2") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await host.Http.SendAsync(request);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, events.Count(e => e.StartsWith("data: {\"seq\":", StringComparison.Ordinal)));
        Assert.StartsWith("event: meta\ndata: {\"$meta\"", events[0]);
        Assert.Contains("\"end\":\"limit\"", events[^1]);
    }

    [Fact]
    public async Task Taps_list_streams_with_their_record_shape()
    {
        await using var host = await TapTestHost.StartAsync();
        await WaitForStreamAsync(host, "readings");

        using var list = JsonDocument.Parse(await host.Http.GetStringAsync("/taps"));
        var readings = list.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "readings");
        Assert.Equal("typed", readings.GetProperty("schema").GetString());
        Assert.Equal(["seq: number", "kind: string", "value: number"], readings.GetProperty("shape").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Taps_past_MaxConcurrent_get_429_and_a_closed_tap_frees_its_slot()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxConcurrent=1");
        using (var open = await host.Http.GetAsync(TapTestHost.Query("select * from readings"), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            using var refused = await host.Http.GetAsync(TapTestHost.Query("select * from readings limit 1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("StreamJobs:Taps:MaxConcurrent", await refused.Content.ReadAsStringAsync());
        }

        var status = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 50 && status == HttpStatusCode.TooManyRequests; attempt++)
        {
            using var again = await host.Http.GetAsync(TapTestHost.Query("select * from readings limit 1"));
            status = again.StatusCode;
            if (status == HttpStatusCode.TooManyRequests) await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_configured_token_is_required_as_a_bearer_header()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:Token=s3cret");

        using var anonymous = await host.Http.GetAsync(TapTestHost.Query("select * from readings limit 1"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/taps") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, TapTestHost.Query("select * from readings limit 1"))
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") },
        };
        using var response = await host.Http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"end\":\"limit\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_that_stops_reading_sees_a_dropped_count_and_the_job_keeps_publishing()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxRecordsPerSecond=10000000", "StreamJobs:Taps:BufferBatches=2");
        var stream = await WaitForStreamAsync(host, "readings");
        var before = stream.Published;
        await Task.Delay(1000);
        var freeRate = stream.Published - before;

        using var response = await host.Http.GetAsync(TapTestHost.Query("select * from readings"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True(TapLines.IsMeta((await reader.ReadLineAsync())!));
        before = stream.Published;
        await Task.Delay(3000); // not reading: the socket and then the tap fill up
        var tappedRate = (stream.Published - before) / 3;

        // `dropped` also counts records refused for the tap's CPU budget, which a loaded machine reaches first; the drops
        // of a client that stops reading are `tapDropped`.
        long dropped = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (dropped == 0 && DateTime.UtcNow < deadline && await reader.ReadLineAsync() is { } line)
        {
            if (TapLines.IsMeta(line)) dropped = TapLines.Meta(line).GetProperty("tapDropped").GetInt64();
        }
        Assert.True(dropped > 0, "the slow client never saw a dropped count");
        Assert.True(stream.TapDropped > 0);
        // The job is paced (about 100 batches/s): a stalled tap must not hold it back.
        Assert.True(tappedRate >= freeRate * 0.6, $"published {tappedRate}/s with a stalled tap vs {freeRate}/s without");
    }

    private static async Task<NamedStreams.INamedStream> WaitForStreamAsync(TapTestHost host, string name)
    {
        var registry = host.Services.GetRequiredService<NamedStreams.NamedStreamRegistry>();
        for (var i = 0; i < 100; i++)
        {
            if (registry.TryGet(name, out var stream) && stream.Published > 0) return stream;
            await Task.Delay(50);
        }
        throw new TimeoutException($"stream {name} never published");
    }
}
