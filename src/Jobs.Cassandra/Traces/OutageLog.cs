using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// Turns many concurrent failing writes into a few log lines: one when an outage starts, one every
/// <see cref="RepeatEvery"/> while it lasts, one when writes succeed again. Thread-safe.
/// </summary>
internal sealed class OutageLog(ILogger logger)
{
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private long _startedAt;
    private long _loggedAt;
    private long _outageRetries;
    private long _totalRetries;
    private int _outages;

    /// <summary>Retries made by the store's own loop since it was created.</summary>
    public long TotalRetries => Interlocked.Read(ref _totalRetries);

    /// <summary>Outages seen (a run of failures ended by a success counts once).</summary>
    public int Outages => Volatile.Read(ref _outages);

    public void Failed(Exception error, TimeSpan nextDelay)
    {
        Interlocked.Increment(ref _totalRetries);
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _outageRetries++;
            if (_startedAt == 0)
            {
                _startedAt = now;
                _loggedAt = now;
                _outages++;
                logger.LogWarning(
                    "Cassandra trace writes are failing ({Error}); retrying with backoff (next in {Delay} ms) until they succeed or the job stops. No trace is dropped.",
                    error.Message, (long)nextDelay.TotalMilliseconds);
            }
            else if (Stopwatch.GetElapsedTime(_loggedAt, now) >= RepeatEvery)
            {
                _loggedAt = now;
                logger.LogWarning(
                    "Cassandra trace writes still failing after {Elapsed:0.0} s ({Retries} retries so far): {Error}",
                    Stopwatch.GetElapsedTime(_startedAt, now).TotalSeconds, _outageRetries, error.Message);
            }
        }
    }

    public void Succeeded()
    {
        if (Volatile.Read(ref _startedAt) == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_startedAt == 0)
            {
                return;
            }

            logger.LogInformation(
                "Cassandra trace writes recovered after {Elapsed:0.0} s ({Retries} retries)",
                Stopwatch.GetElapsedTime(_startedAt).TotalSeconds, _outageRetries);
            _startedAt = 0;
            _outageRetries = 0;
        }
    }
}
