using System.Net;
using System.Text;
using System.Text.Json;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>Hostile tap requests get a 4xx with a message, before any streaming or parsing.</summary>
public sealed class TapLimitTests
{
    [Theory]
    [InlineData("99999999999h")]
    [InlineData("1e300s")]
    [InlineData("10675199.02:48:05.4775807")]
    [InlineData("-00:00:10")]
    public async Task A_duration_a_timer_cannot_hold_is_400_with_a_message(string duration)
    {
        await using var host = await TapTestHost.StartAsync();
        using var response = await host.Http.GetAsync(TapTestHost.Query("select * from readings", "&duration=" + Uri.EscapeDataString(duration)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("duration", Error(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_duration_past_MaxDuration_is_400_naming_the_setting()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxDuration=00:01:00");
        using var response = await host.Http.GetAsync(TapTestHost.Query("select * from readings", "&duration=2m"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Error(await response.Content.ReadAsStringAsync());
        Assert.Contains("StreamJobs:Taps:MaxDuration", error);
        Assert.Contains("00:01:00", error);

        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select * from readings limit 1", "&duration=1m"));
        Assert.Equal("limit", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
    }

    [Fact]
    public async Task Query_length_and_depth_bind_from_the_tap_settings_and_answer_a_positioned_400()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxQueryDepth=2", "StreamJobs:Taps:MaxQueryLength=60");

        using var deep = await host.Http.GetAsync(TapTestHost.Query("select * from readings where ((not seq == 1))"));
        Assert.Equal(HttpStatusCode.BadRequest, deep.StatusCode);
        Assert.Contains("nested deeper than 2 levels", Error(await deep.Content.ReadAsStringAsync()));

        using var tooLong = await host.Http.GetAsync(TapTestHost.Query("select * from readings where kind == '" + new string('x', 40) + "'"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("over the limit of 60", Error(await tooLong.Content.ReadAsStringAsync()));

        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select * from readings where (seq >= 0) limit 1"));
        Assert.Equal("limit", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
    }

    [Fact]
    public async Task A_tap_whose_duration_ends_before_its_first_line_is_sent_still_ends_with_a_final_meta()
    {
        await using var host = await TapTestHost.StartAsync();
        for (int i = 0; i < 20; i++)
        {
            // The duration can pass before the opening $meta is flushed: the tap still ends with its final line.
            using var response = await host.Http.GetAsync(TapTestHost.Query("select * from readings", "&duration=1ms"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("duration", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
        }
    }

    [Fact]
    public async Task A_tap_without_a_duration_ends_at_MaxDuration()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxDuration=00:00:01");
        var lines = await TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select * from readings where value < 0"));

        Assert.Equal("duration", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
    }

    [Fact]
    public async Task A_POSTed_query_past_MaxQueryBytes_is_413_before_it_is_parsed()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxQueryBytes=1024");
        // Deep nesting the parser must never see.
        var query = "select * from readings where " + new string('(', 5000) + "seq == 1" + new string(')', 5000);

        using var response = await host.Http.PostAsync("/taps/query", new StringContent(query));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("StreamJobs:Taps:MaxQueryBytes", Error(await response.Content.ReadAsStringAsync()));

        // Without a Content-Length (chunked), the body is still read only up to the limit.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(query)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/taps/query") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var streamed = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);

        using var small = await host.Http.PostAsync("/taps/query", new StringContent("select seq from readings limit 2"));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task A_POSTed_query_that_is_not_UTF8_is_400()
    {
        await using var host = await TapTestHost.StartAsync();
        using var response = await host.Http.PostAsync("/taps/query", new ByteArrayContent([0x73, 0x65, 0x6c, 0xff, 0xfe, 0x20]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", Error(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_429_says_when_to_retry()
    {
        await using var host = await TapTestHost.StartAsync(true, true, "StreamJobs:Taps:MaxConcurrent=1");
        using var open = await host.Http.GetAsync(TapTestHost.Query("select * from readings"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        using var refused = await host.Http.GetAsync(TapTestHost.Query("select * from readings limit 1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After on the 429");
    }

    private static string Error(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
