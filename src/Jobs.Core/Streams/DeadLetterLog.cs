using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamJobs.Streams;

/// <summary>
/// The default dead-letter sink: keeps the most recent letters in a fixed ring (for inspection and tests)
/// and logs them at most once a second per stage so a flood of bad records cannot flood the log.
/// </summary>
public sealed class DeadLetterLog : IDeadLetterSink
{
    private readonly DeadLetter?[] _ring;
    private readonly ILogger _logger;
    private readonly Dictionary<string, long> _lastLogged = new();
    private long _total;

    /// <summary>Keeps the last <paramref name="capacity"/> letters.</summary>
    public DeadLetterLog(int capacity = 256, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new DeadLetter?[capacity];
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>All letters ever published.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <inheritdoc />
    public void Publish(DeadLetter letter)
    {
        var n = Interlocked.Increment(ref _total);
        lock (_ring)
        {
            _ring[(n - 1) % _ring.Length] = letter;
            var key = letter.Job + "/" + letter.Stage;
            var now = Environment.TickCount64;
            if (_lastLogged.TryGetValue(key, out var last) && now - last < 1000) return;
            _lastLogged[key] = now;
        }
        _logger.LogWarning(letter.Error, "Dead letter in {Job}/{Stage}: {Message}", letter.Job, letter.Stage, letter.Error.Message);
    }

    /// <summary>The most recent letters, oldest first.</summary>
    public IReadOnlyList<DeadLetter> Recent()
    {
        lock (_ring)
        {
            var total = Total;
            var count = (int)Math.Min(total, _ring.Length);
            var result = new List<DeadLetter>(count);
            for (var i = total - count; i < total; i++) result.Add(_ring[i % _ring.Length]!);
            return result;
        }
    }
}
