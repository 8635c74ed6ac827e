using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>
/// A scripted CQL server on 127.0.0.1 for connection tests: answers STARTUP with READY and each QUERY with a one-row,
/// one-text-column result holding the query string. Special queries: "hang" (never answered), "close" (drops the
/// socket). It can refuse protocol versions above <see cref="MaxVersion"/> the way Cassandra 2.1 does, and can hold
/// answers until <see cref="ReverseBatch"/> queries arrived, then send them in reverse order.
/// </summary>
internal sealed class FakeCqlServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];

    public FakeCqlServer(byte maxVersion = 4, int reverseBatch = 1)
    {
        MaxVersion = maxVersion;
        ReverseBatch = reverseBatch;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public byte MaxVersion { get; }

    public int ReverseBatch { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            lock (_clients)
            {
                _clients.Add(client);
                Connections++;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var held = new List<byte[]>();
        var header = new byte[Frame.HeaderSize];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
                byte version = header[0];
                short id = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
                var opcode = (Opcode)header[4];
                var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5))];
                await stream.ReadExactlyAsync(body, _stop.Token);
                if (version > MaxVersion)
                {
                    var error = ResponseBodies.Error(0x0000, $"ProtocolException: Invalid or unsupported protocol version: {version}");
                    await stream.WriteAsync(Response(MaxVersion, 0, Opcode.Error, error));
                    client.Dispose();
                    return;
                }

                if (opcode == Opcode.Startup)
                {
                    await stream.WriteAsync(Response(version, id, Opcode.Ready, []));
                    continue;
                }

                string query = new FrameReader(body).ReadLongString();
                if (query == "hang")
                {
                    continue;
                }

                if (query == "close")
                {
                    client.Dispose();
                    return;
                }

                held.Add(Response(version, id, Opcode.Result, ResponseBodies.Rows([("q", ColumnTypeCode.Varchar)], [[Encoding.UTF8.GetBytes(query)]])));
                if (held.Count >= ReverseBatch)
                {
                    held.Reverse();
                    foreach (var frame in held)
                    {
                        await stream.WriteAsync(frame);
                    }

                    held.Clear();
                }
            }
        }
        catch (Exception)
        {
            client.Dispose();
        }
    }

    private static byte[] Response(byte version, short id, Opcode opcode, byte[] body)
    {
        var frame = new byte[Frame.HeaderSize + body.Length];
        frame[0] = (byte)(0x80 | version);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), id);
        frame[4] = (byte)opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
        body.CopyTo(frame, Frame.HeaderSize);
        return frame;
    }
}
