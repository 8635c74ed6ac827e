using System.Net;
using System.Text;
using StreamJobs.Cassandra.Connections;
using StreamJobs.Cassandra.Protocol;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Connections;

public sealed class CqlConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static Task<CqlConnection> OpenAsync(FakeCqlServer server, int maxInFlight = 128) =>
        CqlConnection.OpenAsync(new IPEndPoint(IPAddress.Loopback, server.Port), ProtocolVersion.V4, maxInFlight, Timeout, CancellationToken.None);

    private static FrameWriter Query(string cql)
    {
        var w = new FrameWriter();
        w.BeginFrame(4, Opcode.Query);
        w.WriteLongString(cql);
        w.WriteShort((short)ConsistencyLevel.One);
        w.WriteByte(0);
        return w;
    }

    private static string Answer(Frame frame)
    {
        var r = FrameParser.Open(frame, Opcode.Result);
        r.ReadInt();
        var page = RowsPage.Read(ref r, frame.Body, ProtocolVersion.V4);
        Assert.True(page.TryGetCell(0, 0, out var cell));
        return Encoding.UTF8.GetString(cell);
    }

    [Fact]
    public async Task Answers_in_reverse_order_reach_the_right_callers()
    {
        await using var server = new FakeCqlServer(reverseBatch: 50);
        await using var connection = await OpenAsync(server);

        var sent = Enumerable.Range(0, 50).Select(i => $"q{i}").ToArray();
        var answers = await Task.WhenAll(sent.Select(q => connection.SendAsync(Query(q), Timeout, CancellationToken.None)));

        Assert.Equal(sent, answers.Select(Answer));
        Assert.Equal(1, server.Connections);
        Assert.Equal(0, connection.InFlight);
    }

    [Fact]
    public async Task More_requests_than_stream_ids_wait_for_a_free_id()
    {
        await using var server = new FakeCqlServer();
        await using var connection = await OpenAsync(server, maxInFlight: 4);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => connection.SendAsync(Query($"q{i}"), Timeout, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"q{i}"), answers.Select(Answer));
    }

    [Fact]
    public async Task Unanswered_request_times_out_and_the_connection_stays_usable()
    {
        await using var server = new FakeCqlServer();
        await using var connection = await OpenAsync(server);

        var e = await Assert.ThrowsAsync<OperationTimedOutException>(() =>
            connection.SendAsync(Query("hang"), TimeSpan.FromMilliseconds(200), CancellationToken.None));
        Assert.Contains("did not answer within 200 ms", e.Message);

        Assert.Equal("after", Answer(await connection.SendAsync(Query("after"), Timeout, CancellationToken.None)));
        Assert.Equal(1, connection.InFlight); // the hung request's id stays reserved until an answer or the close
    }

    [Fact]
    public async Task Server_hanging_up_fails_pending_requests_and_closes_the_connection()
    {
        await using var server = new FakeCqlServer();
        await using var connection = await OpenAsync(server);
        var pending = connection.SendAsync(Query("hang"), Timeout, CancellationToken.None);

        await Assert.ThrowsAsync<ConnectionException>(() => connection.SendAsync(Query("close"), Timeout, CancellationToken.None));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => pending);
        Assert.True(e.RequestSent);
        Assert.False(connection.IsOpen);
        var after = await Assert.ThrowsAsync<ConnectionException>(() => connection.SendAsync(Query("x"), Timeout, CancellationToken.None));
        Assert.False(after.RequestSent);
    }

    [Fact]
    public async Task Refused_version_surfaces_as_a_protocol_error_with_the_server_message()
    {
        await using var server = new FakeCqlServer(maxVersion: 3);
        var e = await Assert.ThrowsAsync<ProtocolErrorException>(() => OpenAsync(server));
        Assert.Contains("unsupported protocol version: 4", e.Message);
    }
}
