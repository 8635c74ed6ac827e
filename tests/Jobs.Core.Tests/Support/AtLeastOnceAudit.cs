using StreamJobs.Acknowledgement;
using StreamJobs.Streams;

namespace StreamJobs.Tests.Support;

/// <summary>
/// Checks at-least-once delivery through a pipeline: a replayable source issues <see cref="AuditRecord"/>s from a
/// <see cref="ReceiptWindow"/>, and an acknowledging sink records the positions it wrote and then completes their
/// receipts. Safety, checked after every completion: the window's committable position never passes a position that
/// was neither written nor dead-lettered (or deliberately discarded). Liveness, checked by
/// <see cref="CheckAfterShutdown"/> once <see cref="Materializer.ShutdownAsync"/> returned: every issued receipt
/// completed and the commit reached the end of what was issued. Violations are collected, not thrown, so a test can
/// also assert that the audit catches a drop.
/// </summary>
public sealed class AtLeastOnceAudit
{
    private const byte Unseen = 0;
    private const byte Written = 1;
    private const byte DeadLettered = 2;

    private readonly object _gate = new();
    private readonly List<string> _failures = new();
    private byte[] _states = new byte[1024];
    private long _checkedUpTo;
    private bool _unsafe;
    private Logic? _logic;

    /// <summary>An audit whose source may have <paramref name="windowCapacity"/> records in flight.</summary>
    public AtLeastOnceAudit(int windowCapacity = 8192)
    {
        Window = new ReceiptWindow(windowCapacity);
        DeadLetters = new DeadLetterMarker(this);
    }

    /// <summary>
    /// A dead-letter sink for the materializer: records an engine stage dead-letters (supervision Resume) count as
    /// dead-lettered, so committing past them is safe.
    /// </summary>
    public IDeadLetterSink DeadLetters { get; }

    /// <summary>The source's receipt window.</summary>
    public ReceiptWindow Window { get; }

    /// <summary>The source dead-letters (and completes) every record whose position is a multiple of this; 0 for none.</summary>
    public int DeadLetterEvery { get; init; }

    /// <summary>How long the source's final stop waits for receipts still out before it gives up and commits what is complete.</summary>
    public TimeSpan StopWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Positions issued so far (the next position to issue).</summary>
    public long Issued => _logic?.Issued ?? 0;

    /// <summary>Records the sink wrote.</summary>
    public long WrittenCount { get; private set; }

    /// <summary>The violations found so far.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate) return _failures.ToArray();
        }
    }

    /// <summary>The replayable source; materialize it once per audit.</summary>
    public Source<AuditRecord, NotUsed> Source(string name = "audit-source") =>
        ReplayableSource.Create<AuditRecord, Logic>(() =>
        {
            var logic = new Logic(this);
            if (Interlocked.CompareExchange(ref _logic, logic, null) is not null) throw new InvalidOperationException("An audit's source runs once.");
            return logic;
        }, name).MapMaterializedValue(_ => NotUsed.Instance);

    /// <summary>
    /// The acknowledging sink: records what it wrote, then completes the receipts and checks safety after each one.
    /// <paramref name="delay"/> slows every batch, to let upstream run ahead.
    /// </summary>
    public Sink<AuditRecord, Task> Sink(TimeSpan? delay = null, string name = "audit-sink") =>
        AcknowledgingSink.Create<AuditRecord, Writer>(() => new Writer(this, delay ?? TimeSpan.Zero), name);

    /// <summary>A stage's deliberate drop of <paramref name="record"/>: counted like a dead letter, and its receipt completed.</summary>
    public void Discard(AuditRecord record)
    {
        lock (_gate) Mark(record.Position, DeadLettered);
        record.Receipt.Complete();
        CheckSafety();
    }

    /// <summary>
    /// Liveness, once the materializer has shut down: every issued receipt completed and the commit equals what was
    /// issued. Returns (and keeps) every failure found, safety ones included.
    /// </summary>
    public IReadOnlyList<string> CheckAfterShutdown()
    {
        CheckSafety();
        var issued = Issued;
        var committed = Window.Committable;
        lock (_gate)
        {
            if (issued == 0) _failures.Add("the source issued nothing");
            else if (committed != issued) _failures.Add(Stuck(committed, issued));
            else if (Window.Pending != 0) _failures.Add($"{Window.Pending} receipts were never completed, yet commit reached {committed}");
            return _failures.ToArray();
        }
    }

    /// <summary>Fails the test with every violation found.</summary>
    public void AssertHolds()
    {
        var failures = CheckAfterShutdown();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private string Stuck(long committed, long issued)
    {
        var at = Math.Max(committed, 0);
        var state = State(at);
        if (state == Written) return $"commit stuck at {at} of {issued}; position {at} was written but its receipt never completed";
        if (state == DeadLettered) return $"commit stuck at {at} of {issued}; position {at} was dead-lettered but its receipt never completed";
        var end = at;
        while (end < issued && State(end) == Unseen) end++;
        return $"commit stuck at {at}; batch [{at}, {end}) was dropped";
    }

    private void Write(Batch<AuditRecord> batch)
    {
        lock (_gate)
        {
            foreach (var record in batch) Mark(record.Position, Written);
            WrittenCount += batch.Count;
        }
        foreach (var record in batch)
        {
            record.Receipt.Complete();
            CheckSafety();
        }
    }

    // Positions below the committable one must all have been written or dead-lettered; the committable position only
    // moves forward, so each position is checked once.
    private void CheckSafety()
    {
        var committable = Window.Committable;
        lock (_gate)
        {
            // The first violation is the one to report; later ones follow from it.
            for (; !_unsafe && _checkedUpTo < committable; _checkedUpTo++)
            {
                if (State(_checkedUpTo) != Unseen) continue;
                _failures.Add($"committed past position {_checkedUpTo}, which was never written (committable {committable})");
                _unsafe = true;
            }
        }
    }

    private void Mark(long position, byte state)
    {
        if (position >= _states.Length) Array.Resize(ref _states, (int)Math.Max(_states.Length * 2L, position + 1));
        _states[position] = state;
    }

    private byte State(long position) => position < _states.Length ? _states[position] : Unseen;

    private sealed class Logic(AtLeastOnceAudit audit) : ReplayableSourceLogic<AuditRecord>
    {
        private long _next;

        public long Issued => Interlocked.Read(ref _next);

        protected internal override async ValueTask<int> ReadAsync(AuditRecord[] buffer, CancellationToken stopping)
        {
            while (true)
            {
                if (stopping.IsCancellationRequested) return 0;
                var count = Fill(buffer);
                if (count > 0) return count;
                // The window is full (or everything was dead-lettered): wait for completions, as a paused partition does.
                await Task.Delay(1, CancellationToken.None);
            }
        }

        private int Fill(AuditRecord[] buffer)
        {
            var count = 0;
            var next = _next;
            while (count < buffer.Length && audit.Window.TryIssue(next, out var receipt))
            {
                var record = new AuditRecord(next, receipt);
                next++;
                if (audit.DeadLetterEvery > 0 && record.Position % audit.DeadLetterEvery == 0)
                {
                    DeadLetter(record.Position, new FormatException("malformed record"));
                    lock (audit._gate) audit.Mark(record.Position, DeadLettered);
                    receipt.Complete();
                    continue;
                }
                buffer[count++] = record;
            }
            Interlocked.Exchange(ref _next, next);
            audit.CheckSafety();
            return count;
        }

        protected internal override async Task StopAsync(bool aborted)
        {
            if (aborted) return;
            var deadline = Time.GetUtcNow() + audit.StopWait;
            while (audit.Window.Pending > 0 && !Aborted.IsCancellationRequested && Time.GetUtcNow() < deadline)
            {
                await Task.Delay(1, CancellationToken.None);
            }
        }
    }

    private sealed class DeadLetterMarker(AtLeastOnceAudit audit) : IDeadLetterSink
    {
        public void Publish(DeadLetter letter)
        {
            if (letter.Record is not AuditRecord record) return;
            lock (audit._gate) audit.Mark(record.Position, DeadLettered);
        }
    }

    private sealed class Writer(AtLeastOnceAudit audit, TimeSpan delay) : AcknowledgingSinkLogic<AuditRecord>
    {
        protected internal override async ValueTask WriteAsync(Batch<AuditRecord> batch, CancellationToken aborted)
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, aborted);
            audit.Write(batch);
        }
    }
}
