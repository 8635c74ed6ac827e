using OpenQA.Selenium;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Ui.Tests.Support;

namespace StreamJobs.Ui.Tests;

/// <summary>A host that has kept nothing yet (run mode, no traffic): the pages say so and how to fill the store.</summary>
[Collection(UiCollection.Name)]
public sealed class EmptyStoreTests(DemoSite site) : IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-ui-empty-").FullName;
    private HostProcess? _host;

    public async Task InitializeAsync()
    {
        _host = HostProcess.Start(_workDir, "run", "--StreamJobs:Flows:UdpPort=0");
        Assert.True(await _host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(90)), string.Join("\n", _host.Errors.TakeLast(30)));
    }

    [Fact]
    public void Search_on_an_empty_store_says_nothing_is_kept_yet_and_how_to_send_spans()
    {
        var browser = site.Browser;
        browser.Open($"http://127.0.0.1:{_host!.Port}/ui");
        var empty = browser.Until(d => d.FindElement(By.CssSelector("section.results .message.empty")), what: "the empty-store message");
        Assert.Contains("No traces are stored yet", empty.Text);
        Assert.Contains("/api/v2/spans", empty.Text);
        Assert.Equal(["all services"], browser.Texts("select[name=serviceName] option"));

        browser.Open($"http://127.0.0.1:{_host.Port}/ui/?serviceName=edge&lookback=300000");
        Assert.Contains("No trace matches", browser.Until(d => d.FindElement(By.CssSelector("section.results .message.empty"))).Text);
        browser.Screenshot("search-empty");
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
