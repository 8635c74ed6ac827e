using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Connections;

/// <summary>
/// One socket to one node, multiplexed by stream id: any number of callers enqueue frames for a single writer loop
/// (which coalesces them into few socket writes), and a reader loop completes each caller's task by stream id.
/// </summary>
internal sealed class CqlConnection : IAsyncDisposable
{
    private const int StagingSize = 64 * 1024;
    private const int MaxBodySize = 256 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly TaskCompletionSource<Frame>?[] _pending;
    private readonly ConcurrentStack<short> _freeIds = new();
    private readonly SemaphoreSlim _slots;
    private readonly Channel<FrameWriter> _writes = Channel.CreateUnbounded<FrameWriter>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private Exception? _closeReason;
    private int _inFlight;

    private CqlConnection(Socket socket, IPEndPoint endpoint, ProtocolVersion version, int maxInFlight)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Endpoint = endpoint;
        Version = version;
        _pending = new TaskCompletionSource<Frame>?[maxInFlight];
        for (int id = maxInFlight - 1; id >= 0; id--)
        {
            _freeIds.Push((short)id);
        }

        _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    public IPEndPoint Endpoint { get; }

    public ProtocolVersion Version { get; }

    public bool IsOpen => Volatile.Read(ref _closeReason) is null;

    /// <summary>Requests sent and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The keyspace the last USE on this connection switched to.</summary>
    public string? Keyspace { get; set; }

    /// <summary>Connects, starts the loops and performs STARTUP; throws <see cref="ProtocolErrorException"/> if the version is refused.</summary>
    public static async Task<CqlConnection> OpenAsync(
        IPEndPoint endpoint, ProtocolVersion version, int maxInFlight, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(connectTimeout);
            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ConnectionException($"Cannot connect to {endpoint}: {e.Message}", requestSent: false, e);
        }

        var connection = new CqlConnection(socket, endpoint, version, maxInFlight);
        connection.Start();
        try
        {
            var frame = new FrameWriter();
            frame.BeginFrame((byte)version, Opcode.Startup);
            RequestEncoder.WriteStartup(frame);
            var reply = await connection.SendAsync(frame, connectTimeout, cancellationToken).ConfigureAwait(false);
            if (reply.Opcode == Opcode.Authenticate)
            {
                throw new UnauthorizedException(0x0100, $"{endpoint} requires authentication, which this client does not support.");
            }

            FrameParser.Open(reply, Opcode.Ready);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends a frame built with <see cref="FrameWriter.BeginFrame"/> (the connection takes ownership of it) and
    /// returns the response. On timeout the stream id stays reserved until a late response or the close frees it.
    /// </summary>
    public async Task<Frame> SendAsync(FrameWriter frame, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool queued = false;
        try
        {
            ThrowIfClosed(requestSent: false);
            if (!await _slots.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
            {
                throw new OperationTimedOutException($"No free stream id on {Endpoint} within {timeout.TotalMilliseconds:0} ms.");
            }

            _freeIds.TryPop(out short id);
            var tcs = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _pending[id], tcs);
            Interlocked.Increment(ref _inFlight);
            frame.CompleteFrame(id);
            if (!_writes.Writer.TryWrite(frame))
            {
                if (Interlocked.Exchange(ref _pending[id], null) is not null)
                {
                    Release(id);
                }

                ThrowIfClosed(requestSent: false);
            }

            queued = true;
            try
            {
                return await tcs.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new OperationTimedOutException($"{Endpoint} did not answer within {timeout.TotalMilliseconds:0} ms.");
            }
        }
        finally
        {
            if (!queued)
            {
                frame.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Close(new ConnectionException($"Connection to {Endpoint} closed by the client.", requestSent: true));
        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        _ = Task.Run(WriteLoopAsync);
        _ = Task.Run(ReadLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        var staging = new byte[StagingSize];
        var reader = _writes.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                int used = 0;
                while (reader.TryRead(out var frame))
                {
                    using (frame)
                    {
                        if (used + frame.Length > staging.Length && used > 0)
                        {
                            await _stream.WriteAsync(staging.AsMemory(0, used)).ConfigureAwait(false);
                            used = 0;
                        }

                        if (frame.Length > staging.Length)
                        {
                            await _stream.WriteAsync(frame.WrittenMemory).ConfigureAwait(false);
                        }
                        else
                        {
                            frame.WrittenSpan.CopyTo(staging.AsSpan(used));
                            used += frame.Length;
                        }
                    }
                }

                if (used > 0)
                {
                    await _stream.WriteAsync(staging.AsMemory(0, used)).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            Close(new ConnectionException($"Writing to {Endpoint} failed: {e.Message}", requestSent: true, e));
        }
        finally
        {
            while (reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var input = new BufferedStream(_stream, StagingSize);
        var header = new byte[Frame.HeaderSize];
        try
        {
            while (true)
            {
                await input.ReadExactlyAsync(header).ConfigureAwait(false);
                byte version = (byte)(header[0] & 0x7F);
                short streamId = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
                var opcode = (Opcode)header[4];
                int length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
                if (length is < 0 or > MaxBodySize)
                {
                    throw new CqlProtocolViolationException($"Frame body length {length} from {Endpoint} is out of range.");
                }

                var body = length == 0 ? [] : new byte[length];
                await input.ReadExactlyAsync(body).ConfigureAwait(false);
                var frame = new Frame(version, header[1], streamId, opcode, body);
                if (version != (byte)Version)
                {
                    // A server that refuses our version answers in its own version, on stream 0, then hangs up.
                    Close(RefusedVersion(frame));
                    return;
                }

                if (streamId < 0 || streamId >= _pending.Length)
                {
                    continue; // server events (stream -1): not registered for, ignored
                }

                var tcs = Interlocked.Exchange(ref _pending[streamId], null);
                if (tcs is not null)
                {
                    Release(streamId);
                    tcs.TrySetResult(frame);
                }
            }
        }
        catch (Exception e)
        {
            Close(e as DriverException ?? new ConnectionException($"Connection to {Endpoint} lost: {e.Message}", requestSent: true, e));
        }
    }

    private ProtocolErrorException RefusedVersion(in Frame frame)
    {
        string reason;
        try
        {
            FrameParser.Open(frame, Opcode.Ready);
            reason = "no error given";
        }
        catch (DriverException e)
        {
            // Cassandra 2.1 reports it as a server error (0x0000) wrapping its ProtocolException.
            reason = e.Message;
        }

        return new ProtocolErrorException(0x000A, $"{Endpoint} refused protocol v{(byte)Version} and answered in v{frame.Version}: {reason}");
    }

    private void Release(short id)
    {
        Interlocked.Decrement(ref _inFlight);
        _freeIds.Push(id);
        _slots.Release();
    }

    private void Close(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _writes.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone: nothing to shut down.
        }

        _stream.Dispose();
        for (short id = 0; id < _pending.Length; id++)
        {
            var tcs = Interlocked.Exchange(ref _pending[id], null);
            if (tcs is not null)
            {
                Release(id);
                tcs.TrySetException(reason);
            }
        }

    }

    private void ThrowIfClosed(bool requestSent)
    {
        var reason = Volatile.Read(ref _closeReason);
        if (reason is not null)
        {
            throw new ConnectionException($"Connection to {Endpoint} is closed: {reason.Message}", requestSent, reason);
        }
    }
}
