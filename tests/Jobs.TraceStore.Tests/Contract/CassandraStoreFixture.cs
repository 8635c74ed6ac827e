using System.Net.Sockets;
using StreamJobs.Cassandra;
using StreamJobs.Cassandra.Traces;

namespace StreamJobs.TraceStore.Tests.Contract;

/// <summary>
/// A Cassandra store in a keyspace of its own (STREAMJOBS_CASSANDRA, default 127.0.0.1:9042; the test fails when the
/// server is down) with <see cref="ContractTraces"/> written twice.
/// </summary>
public sealed class CassandraStoreFixture : IAsyncLifetime
{
    private static readonly string Address = Environment.GetEnvironmentVariable("STREAMJOBS_CASSANDRA") is { Length: > 0 } v ? v : "127.0.0.1:9042";
    private readonly string _keyspace = $"contract_{Guid.NewGuid():N}"[..24];
    private Cluster? _cluster;

    public Cassandra.Traces.TraceStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string host = Address[..Address.LastIndexOf(':')];
        int port = int.Parse(Address[(Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        using (var probe = new TcpClient())
        {
            await probe.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(5));
        }

        _cluster = Cluster.Builder().AddContactPoint(host).WithPort(port).WithRequestTimeout(TimeSpan.FromSeconds(30)).Build();
        ISession session = await _cluster.ConnectAsync();
        Store = await Cassandra.Traces.TraceStore.CreateAsync(session, new TraceStoreOptions { Keyspace = _keyspace, TimeToLive = TimeSpan.FromDays(1) });
        await Store.WriteAsync(ContractTraces.All());
        await Store.WriteAsync(ContractTraces.All());
    }

    public async Task DisposeAsync()
    {
        if (_cluster is null) return;
        ISession session = await _cluster.ConnectAsync();
        await session.ExecuteAsync(new SimpleStatement($"DROP KEYSPACE IF EXISTS {_keyspace}"));
        await _cluster.ShutdownAsync();
    }
}
