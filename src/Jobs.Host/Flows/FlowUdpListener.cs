using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Ingest;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Receives binary flow datagrams (docs/flows.md) on UDP and offers them to the flow ingest queue. Datagrams that
/// arrive back to back are decoded into one pooled batch (one offer per burst, not per datagram). A malformed datagram
/// or record is counted and dropped alone. UDP cannot push back on a sender: when the queue is full the batch is
/// dropped and counted (<c>streamjobs.flowingest.datagrams{outcome=queue_full}</c>); the socket's receive buffer is the
/// only slack, and the kernel drops beyond it.
/// </summary>
internal sealed class FlowUdpListener(IOptions<FlowIngestOptions> options, FlowIngestGate gate, ILogger<FlowUdpListener> logger) : BackgroundService
{
    private const int MaxUdpPayload = 65_507;
    private static readonly int MaxRecordsPerDatagram = FlowBinaryFormat.MaxRecordsPerDatagram(MaxUdpPayload);
    private readonly TaskCompletionSource<IPEndPoint?> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FlowDatagramDecoder _decoder = new();
    private readonly FlowRecord[] _batch = new FlowRecord[1024 + MaxRecordsPerDatagram];
    private int _count, _datagrams;
    private long _reportedDatagrams, _reportedMalformed, _reportedRecords, _reportedRecordsDropped;

    /// <summary>Completes with the bound endpoint once listening, or null when the listener is off or could not bind.</summary>
    public Task<IPEndPoint?> Bound => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.UdpPort == 0)
        {
            _bound.TrySetResult(null);
            return;
        }

        using var socket = Bind(settings);
        if (socket is null)
        {
            return;
        }

        var datagram = new byte[MaxUdpPayload + 1];
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int length = await socket.ReceiveAsync(datagram, SocketFlags.None, stoppingToken);
                Take(datagram.AsSpan(0, length));
                if (socket.Available == 0 || _count > _batch.Length - MaxRecordsPerDatagram)
                {
                    Flush();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Flush();
        }
    }

    private Socket? Bind(FlowIngestOptions settings)
    {
        try
        {
            var endpoint = new IPEndPoint(IPAddress.Parse(settings.UdpAddress), settings.UdpPort);
            var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = settings.ReceiveBufferBytes };
            socket.Bind(endpoint);
            _bound.TrySetResult((IPEndPoint)socket.LocalEndPoint!);
            logger.LogInformation("Flow datagrams: listening on udp://{Endpoint}", socket.LocalEndPoint);
            return socket;
        }
        catch (Exception error) when (error is SocketException or FormatException)
        {
            // The rest of the host (HTTP ingest, jobs) still works; the failure is loud, not fatal.
            logger.LogError(error, "Flow datagrams: cannot listen on udp://{Address}:{Port} (StreamJobs:Flows:UdpPort; 0 turns it off)", settings.UdpAddress, settings.UdpPort);
            _bound.TrySetResult(null);
            return null;
        }
    }

    /// <summary>
    /// Decodes one datagram into the batch; the decoder counts what it drops. A datagram can hold at most
    /// <see cref="MaxRecordsPerDatagram"/> records whatever its header claims, so that much room is always enough.
    /// </summary>
    internal void Take(ReadOnlySpan<byte> datagram)
    {
        if (_count > _batch.Length - MaxRecordsPerDatagram)
        {
            Flush();
        }

        _count += _decoder.Decode(datagram, _batch.AsSpan(_count)).RecordsDecoded;
        _datagrams++;
    }

    /// <summary>Offers the batch; a full queue drops it, counted.</summary>
    internal void Flush()
    {
        if (_count > 0 && gate.TryOffer(_batch.AsSpan(0, _count)) != OfferResult.Accepted)
        {
            gate.Metrics.UdpQueueFull(_datagrams, _count);
        }

        Array.Clear(_batch, 0, _count);
        _count = 0;
        _datagrams = 0;
        // Malformed datagrams: dropped whole (bad header) or cut short of the records their header declares.
        long datagrams = _decoder.DatagramsDecoded + _decoder.DatagramsDropped;
        long malformed = _decoder.DatagramsDropped + _decoder.DatagramsTruncated;
        gate.Metrics.Udp(
            datagrams - _reportedDatagrams,
            malformed - _reportedMalformed,
            _decoder.RecordsDecoded - _reportedRecords,
            _decoder.RecordsDropped - _reportedRecordsDropped);
        (_reportedDatagrams, _reportedMalformed, _reportedRecords, _reportedRecordsDropped) =
            (datagrams, malformed, _decoder.RecordsDecoded, _decoder.RecordsDropped);
    }
}
