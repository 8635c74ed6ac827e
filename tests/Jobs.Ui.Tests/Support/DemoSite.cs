using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Ui.Tests.Support;

/// <summary>
/// The demo host running as a process (synthetic traffic, kept traces in its default store) and one headless browser,
/// shared by the UI tests: each takes seconds to start on two cores.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-ui-").FullName;
    private HostProcess? _host;
    private Browser? _browser;

    public HostProcess Host => _host ?? throw new InvalidOperationException("not started");

    public Browser Browser => _browser ?? throw new InvalidOperationException("not started");

    public string Url(string path) => $"http://127.0.0.1:{Host.Port}{path}";

    public async Task InitializeAsync()
    {
        // A missing browser is a broken setup, not a reason to pass: fail loudly, as the server-backed tests do.
        if (Browser.Missing is { } missing) throw new InvalidOperationException(missing);
        // No flow datagrams here: their UDP port may be taken by another host on this machine.
        _host = HostProcess.Start(_workDir, "demo", "--StreamJobs:Flows:UdpPort=0");
        if (!await _host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(90)))
            throw new InvalidOperationException("the demo host did not become ready:\n" + string.Join("\n", _host.Errors.TakeLast(30)));
        _browser = Browser.Start();
    }

    public async Task DisposeAsync()
    {
        _browser?.Dispose();
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

/// <summary>The UI tests share one <see cref="DemoSite"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<DemoSite>
{
    public const string Name = "ui";
}
