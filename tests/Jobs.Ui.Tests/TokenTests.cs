using System.Text;
using OpenQA.Selenium;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Ui.Tests.Support;

namespace StreamJobs.Ui.Tests;

/// <summary>
/// A host with a tap token: the Live page gets the host's 401 and says how to send the token, and once the Token
/// button has it the same query streams. The page never gets past the host's own access rules.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class TokenTests(DemoSite site) : IAsyncLifetime
{
    private const string Token = "ui-test-token";
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-ui-token-").FullName;
    private HostProcess? _host;

    public async Task InitializeAsync()
    {
        _host = HostProcess.Start(_workDir, "run", "--StreamJobs:Flows:UdpPort=0", $"--StreamJobs:Taps:Token={Token}");
        Assert.True(await _host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(90)), string.Join("\n", _host.Errors.TakeLast(30)));
    }

    [Fact]
    public async Task The_live_page_asks_for_the_token_and_streams_once_it_has_it()
    {
        var browser = site.Browser;
        var origin = $"http://127.0.0.1:{_host!.Port}";
        browser.Open(origin + "/ui/live");
        Run(browser, "select name, service from spans where service == 'ui-token'");
        var refusal = browser.Until(d => d.FindElement(By.CssSelector("#live-problem .message.error")), what: "the 401 explained");
        Assert.Contains("needs a token", refusal.Text);

        browser.Driver.FindElement(By.Id("token-button")).Click();
        var prompt = browser.Driver.SwitchTo().Alert();
        prompt.SendKeys(Token);
        prompt.Accept();
        Run(browser, "select name, service from spans where service == 'ui-token'");
        browser.Until(d => browser.Text("#live-status").StartsWith("Tap open", StringComparison.Ordinal), what: "the tap to open with the token");
        // Taps are lossy by design: spans are sent until one shows.
        for (var i = 0; i < 20 && browser.Texts("#live-records tbody tr").Count == 0; i++)
        {
            var span = System.Text.Json.JsonSerializer.Serialize(new[]
            {
                new
                {
                    traceId = Guid.NewGuid().ToString("N"), id = "00f067aa0ba902b7", name = "GET /token",
                    timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, duration = 10,
                    localEndpoint = new { serviceName = "ui-token" },
                },
            });
            using var posted = await _host.Http.PostAsync("/api/v2/spans", new StringContent(span, Encoding.UTF8, "application/json"));
            Assert.True(posted.IsSuccessStatusCode);
            await Task.Delay(500);
        }
        Assert.Equal(["GET /token", "ui-token"], browser.Texts("#live-records tbody tr:first-child td"));
        browser.Driver.FindElement(By.Id("live-stop")).Click();
        browser.Driver.ExecuteScript("sessionStorage.clear()");
    }

    private static void Run(Browser browser, string query)
    {
        var box = browser.Until(d => d.FindElement(By.Id("live-query")));
        box.Clear();
        box.SendKeys(query);
        browser.Driver.FindElement(By.Id("live-run")).Click();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
