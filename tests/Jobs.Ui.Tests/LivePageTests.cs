using System.Text;
using OpenQA.Selenium;
using StreamJobs.Ui.Tests.Support;

namespace StreamJobs.Ui.Tests;

/// <summary>The Live page against the demo's real taps: records stream in, $meta counts show, pause holds, errors explain.</summary>
[Collection(UiCollection.Name)]
public sealed class LivePageTests(DemoSite site)
{
    private Browser Browser => site.Browser;

    [Fact]
    public void A_query_streams_kept_traces_with_the_taps_counts_and_pause_freezes_the_table()
    {
        Run("select traceId, rootService, rootName, durationMicros, policy from sampled-traces where policy == 'errors'");
        Browser.Until(d => Rows() >= 3, TimeSpan.FromSeconds(30), "three kept traces in the table");
        Browser.Until(d => Counter("matched") > 0, what: "the matched count from $meta");
        Assert.Equal(["traceId", "rootService", "rootName", "durationMicros", "policy"], Browser.Texts("#live-records th"));
        Assert.All(Browser.Texts("#live-records td:first-child a").Take(3), id => Assert.Matches("^[0-9a-f]{32}$", id));

        Browser.Driver.FindElement(By.Id("live-pause")).Click();
        var frozen = Browser.Texts("#live-records tbody tr");
        Browser.Until(d => Browser.Text("#live-status").StartsWith("Paused: ", StringComparison.Ordinal) && !Browser.Text("#live-status").StartsWith("Paused: 0 ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "records held while paused");
        Assert.Equal(frozen, Browser.Texts("#live-records tbody tr"));
        Assert.All(Browser.Texts("#live-records td:nth-child(5)"), policy => Assert.Equal("errors", policy));
        Browser.Screenshot("live-paused");

        Browser.Driver.FindElement(By.Id("live-pause")).Click();
        Browser.Until(d => Browser.Texts("#live-records tbody tr")[0] != frozen[0], what: "the held records after Resume");
        Browser.Driver.FindElement(By.Id("live-stop")).Click();
        Browser.Until(d => Browser.Driver.FindElement(By.Id("live-run")).Enabled, what: "Run enabled again after Stop");
        Browser.Screenshot("live");
    }

    [Fact]
    public void A_query_that_does_not_parse_shows_where()
    {
        Run("select * from spans where FROM");
        var problem = Browser.Until(d => d.FindElement(By.CssSelector("#live-problem .message.error")), what: "the parse error");
        Assert.Contains("line 1, column", problem.Text);
        Assert.Contains("^", Browser.Text("#live-problem pre.caret"));
        Assert.True(Browser.Driver.FindElement(By.Id("live-run")).Enabled);
    }

    [Fact]
    public void A_query_on_a_stream_that_does_not_exist_names_the_streams_there()
    {
        Run("select * from nowhere");
        var problem = Browser.Until(d => d.FindElement(By.CssSelector("#live-problem .message.error")), what: "the 404");
        Assert.Contains("unknown stream 'nowhere'", problem.Text);
        Assert.Contains("sampled-traces", problem.Text);
    }

    [Fact]
    public async Task Hostile_span_fields_are_shown_as_text_and_never_run()
    {
        const string name = "<img src=x onerror=\"document.title='pwned'\">";
        Run("select name, service, tags from spans where service == 'ui-hostile'");
        Browser.Until(d => Browser.Text("#live-status").StartsWith("Tap open", StringComparison.Ordinal), what: "the tap to open");
        var span = System.Text.Json.JsonSerializer.Serialize(new[]
        {
            new
            {
                traceId = "4bf92f3577b34da6a3ce929d0e0e4736", id = "00f067aa0ba902b7", name,
                timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, duration = 1200,
                localEndpoint = new { serviceName = "ui-hostile" },
                tags = new Dictionary<string, string> { ["x"] = "</td><script>document.title='pwned'</script>" },
            },
        });
        // A tap is lossy by design (a busy machine skips records past its CPU budget), so the span is sent until one shows.
        for (var attempt = 0; attempt < 20 && Rows() == 0; attempt++)
        {
            using var response = await site.Host.Http.PostAsync("/api/v2/spans", new StringContent(span, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            await Task.Delay(1000);
        }

        Browser.Until(d => Rows() >= 1, TimeSpan.FromSeconds(5), "the hostile span in the table");
        var cells = Browser.Texts("#live-records tbody tr:first-child td");
        Assert.Equal(name, cells[0]);
        Assert.Contains("<script>", cells[2]);
        Assert.Empty(Browser.Driver.FindElements(By.CssSelector("#live-records img, #live-records script")));
        Assert.DoesNotContain("pwned", Browser.Driver.Title);
        Browser.Driver.FindElement(By.Id("live-stop")).Click();
    }

    private void Run(string query)
    {
        Browser.Open(site.Url("/ui/live"));
        var box = Browser.Until(d => d.FindElement(By.Id("live-query")));
        box.Clear();
        box.SendKeys(query);
        Browser.Driver.FindElement(By.Id("live-run")).Click();
    }

    private int Rows() => Browser.Texts("#live-records tbody tr").Count;

    private long Counter(string name) =>
        long.TryParse(Browser.Text($"#live-meta dd[data-counter='{name}']").Replace(",", ""), out var n) ? n : -1;
}
