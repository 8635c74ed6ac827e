using System.Text.Json;
using StreamJobs.Acknowledgement;
using StreamJobs.Host.Taps;
using StreamJobs.Mql;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>Types without a schema reach taps as JSON: data only, values as people write them.</summary>
public sealed class JsonFallbackTests
{
    private static readonly FlowRecord Flow = new()
    {
        LocalIp = IpAddress.Parse("10.0.0.1"),
        RemoteIp = IpAddress.Parse("fd00::7"),
        LocalPort = 40_000,
        RemotePort = 443,
        Protocol = FlowProtocol.Tcp,
        Receipt = new Receipt(new NoTracker(), 7),
    };

    [Fact]
    public void Receipts_are_left_out_and_addresses_are_text()
    {
        var json = JsonFallback.Convert(Flow);

        Assert.False(json.TryGetProperty("receipt", out _), json.GetRawText());
        Assert.Equal("10.0.0.1", json.GetProperty("localIp").GetString());
        Assert.Equal("fd00::7", json.GetProperty("remoteIp").GetString());
        Assert.Equal("Tcp", json.GetProperty("protocol").GetString());
        Assert.True(Mql.Mql.CompilePredicate("localIp in '10.0.0.0/8' and remoteIp in 'fd00::/8'", MqlSchema.Json).Matches(json));
    }

    [Fact]
    public void Plumbing_of_any_type_is_left_out()
    {
        var record = new Carrier(IpAddress.Parse("2001:db8::1"), 3, Receipt.None, () => 1, CancellationToken.None, Task.CompletedTask, typeof(Carrier));

        var json = JsonFallback.Convert(record);

        Assert.Equal("""{"peer":"2001:db8::1","count":3}""", json.GetRawText());
    }

    [Fact]
    public void The_shape_shown_for_a_type_without_a_schema_has_no_plumbing()
    {
        var registry = new MqlSchemaRegistry([]);

        Assert.Equal(["peer: json", "count: json"], registry.Shape(typeof(Carrier)));
        Assert.DoesNotContain("receipt: json", registry.Shape(typeof(FlowRecord)));
    }

    public sealed record Carrier(IpAddress Peer, int Count, Receipt? Receipt, Func<int> Next, CancellationToken Stop, Task Done, Type Kind);

    private sealed class NoTracker : IReceiptTracker
    {
        public void Complete(long position)
        {
        }

        public void Release(long position)
        {
        }

        public void Retain(long position, int count)
        {
        }
    }
}
