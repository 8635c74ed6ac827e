using OpenQA.Selenium;
using StreamJobs.Ui.Tests.Support;
using Xunit.Abstractions;

namespace StreamJobs.Ui.Tests;

/// <summary>
/// What an engineer does after an incident, against the demo's kept traces: open Search, pick a service, find the
/// traces the errors policy kept, open one, and read its waterfall and the failing span.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class SearchTraceTests(DemoSite site, ITestOutputHelper log)
{
    private Browser Browser => site.Browser;

    [Fact]
    public void Search_lists_kept_traces_within_seconds_of_the_demo_starting()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Browser.Open(site.Url("/ui"));
        Browser.Until(d => Browser.Texts("table.trace-list tbody tr").Count > 0, TimeSpan.FromSeconds(30), "kept traces in the result list");
        var shown = clock.Elapsed;
        Assert.All(Browser.Texts("table.trace-list tbody tr td:nth-child(6)"), policy => Assert.NotEqual("–", policy));
        Browser.Screenshot("search");

        // What the page cost: every file and API answer it fetched, as the browser counted them.
        var bytes = Convert.ToInt64(Browser.Driver.ExecuteScript(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((n, e) => n + e.transferSize, 0)"));
        log.WriteLine($"/ui showed kept traces {shown.TotalMilliseconds:F0} ms after navigation; {bytes:N0} bytes transferred");
        Assert.True(bytes < 200_000, $"the Search page transferred {bytes:N0} bytes");
        Assert.True(shown < TimeSpan.FromSeconds(10), $"the Search page took {shown} to show traces");
    }

    [Fact]
    public void A_service_and_the_errors_policy_find_error_traces_whose_waterfall_shows_every_span()
    {
        Browser.Open(site.Url("/ui/"));
        Browser.Until(d => Browser.Texts("select[name=serviceName] option").Contains("edge"), TimeSpan.FromSeconds(30), "service names with edge");
        Browser.Driver.FindElement(By.CssSelector("select[name=serviceName] option[value='edge']")).Click();
        var policy = Browser.Driver.FindElement(By.CssSelector("input[name=policy]"));
        policy.Clear();
        policy.SendKeys("errors");
        Browser.Driver.FindElement(By.CssSelector("form.search button[type=submit]")).Click();
        Browser.Until(d => d.Url.Contains("serviceName=edge", StringComparison.Ordinal) && d.Url.Contains("policy=errors", StringComparison.Ordinal), what: "the search in the URL");

        Browser.Until(d => Browser.Texts("table.trace-list tbody tr").Count > 0, TimeSpan.FromSeconds(30), "traces kept by errors");
        Assert.All(Browser.Texts("table.trace-list tbody tr td:nth-child(6)"), p => Assert.Equal("errors", p));
        Browser.Screenshot("search-errors");
        var errorTrace = Browser.Until(d => d.FindElement(By.CssSelector("table.trace-list tr.has-error a.trace-link")), what: "an error trace");
        var spansListed = int.Parse(Browser.Texts("table.trace-list tr.has-error td:nth-child(4)")[0]);
        errorTrace.Click();

        Browser.Until(d => d.Url.Contains("/ui/traces/", StringComparison.Ordinal) && Browser.Texts(".waterfall .span-row").Count > 0, what: "the waterfall");
        Assert.Equal(spansListed, Browser.Texts(".waterfall .span-row").Count);
        Assert.NotEmpty(Browser.Texts(".waterfall .span-row.error"));
        Assert.Contains("errors", Browser.Text(".trace-head .facts"));
        // The first failing span is selected: its details name the error and carry its IDs as B3 and W3C headers.
        var details = Browser.Text("aside.details");
        Assert.Contains("error", details);
        Assert.Contains("traceparent", details);
        Browser.Screenshot("trace");

        var second = Browser.Driver.FindElements(By.CssSelector(".waterfall .span-row"))[1];
        second.Click();
        Browser.Until(d => Browser.Text("aside.details").Contains(second.GetAttribute("data-span-id")!, StringComparison.Ordinal), what: "the clicked span's details");
    }

    [Fact]
    public async Task A_stored_span_whose_fields_are_markup_is_shown_as_text()
    {
        const string name = "<img src=x onerror=\"document.title='pwned'\">";
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var span = System.Text.Json.JsonSerializer.Serialize(new[]
        {
            new
            {
                traceId, id = "00f067aa0ba902b7", name,
                timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, duration = 1200,
                localEndpoint = new { serviceName = "<b>ui-hostile</b>" },
                // The error tag makes the errors policy keep it.
                tags = new Dictionary<string, string> { ["error"] = "<script>document.title='pwned'</script>", ["<i>k</i>"] = "javascript:alert(1)" },
                annotations = new[] { new { timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, value = "<svg onload=alert(1)>" } },
            },
        });
        using var posted = await site.Host.Http.PostAsync("/api/v2/spans", new StringContent(span, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        Browser.Open(site.Url("/ui/traces/" + traceId));
        for (var i = 0; i < 30 && Browser.Texts(".waterfall .span-row").Count == 0; i++)
        {
            await Task.Delay(1000); // the trace is decided after its quiet wait, then stored
            Browser.Open(site.Url("/ui/traces/" + traceId));
            Browser.Until(d => d.FindElements(By.CssSelector("main .message, .waterfall")).Count > 0, what: "the trace page's answer");
        }

        Assert.Equal(name, Browser.Texts(".waterfall .span-row .op").Single());
        Assert.Equal("<b>ui-hostile</b>", Browser.Texts(".trace-head h1 .service").Single());
        var details = Browser.Text("aside.details");
        Assert.Contains("<script>document.title='pwned'</script>", details);
        Assert.Contains("<svg onload=alert(1)>", details);
        Assert.Empty(Browser.Driver.FindElements(By.CssSelector("main img, main script, main svg, main b, main i, main a[href^='javascript']")));
        Assert.DoesNotContain("pwned", Browser.Driver.Title);
        Assert.Empty(Browser.ConsoleErrors());
    }

    [Fact]
    public void A_bad_search_and_an_unknown_trace_are_explained()
    {
        Browser.Open(site.Url("/ui/?lookback=-5"));
        var error = Browser.Until(d => d.FindElement(By.CssSelector("section.results .message.error")), what: "the 400 explained");
        Assert.Contains("lookback", error.Text);

        Browser.Open(site.Url("/ui/traces/00000000000000000000000000abcdef"));
        var missing = Browser.Until(d => d.FindElement(By.CssSelector("main .message.empty")), what: "the 404 explained");
        Assert.Contains("00000000000000000000000000abcdef", missing.Text);
        Assert.Empty(Browser.ConsoleErrors());
    }
}
