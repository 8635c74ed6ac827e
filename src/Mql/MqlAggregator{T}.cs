using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using StreamJobs.Mql.Aggregation;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql;

/// <summary>
/// Runs an aggregating or ordered query. Feed matching and non-matching records with <see cref="Add(in T)"/>
/// (the query's SAMPLE and WHERE are applied here); collect rows with <see cref="Poll"/> when windows close,
/// and with <see cref="Flush"/> at the end of the input.
/// <para>
/// Windows are aligned to whole multiples of the slide since the epoch; a record belongs to every window
/// covering its timestamp (one for tumbling windows, size/slide for sliding ones). A window closes once the
/// clock reaches its end; a record arriving for an already closed window is dropped and counted in
/// <see cref="LateRecords"/>. Without WINDOW there is one window for the whole input, emitted by <see cref="Flush"/>.
/// </para>
/// Not thread-safe: use one aggregator per consumer.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class MqlAggregator<T>
{
    private readonly MqlCompiledQuery<T> _query;
    private readonly AggregationPlan<T> _plan;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, WindowState> _windows = [];
    private readonly MqlValue[] _keyScratch;
    private readonly MqlValue[] _slotScratch;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly long _sizeTicks;
    private readonly long _slideTicks;
    private readonly int _maxHeldRows;
    private long _closedUpTo = long.MinValue;
    private int _heldRows;

    // Rows are for people and tools reading JSON, not for embedding in HTML: keep quotes and non-ASCII readable.
    private static readonly JsonWriterOptions RowWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal MqlAggregator(MqlCompiledQuery<T> query, AggregationPlan<T> plan, TimeProvider timeProvider)
    {
        _query = query;
        _plan = plan;
        _time = timeProvider;
        _keyScratch = new MqlValue[plan.GroupKeys.Length];
        _slotScratch = new MqlValue[plan.Slots.Count];
        _sizeTicks = plan.Window?.Size.Ticks ?? 0;
        _slideTicks = plan.Window?.Slide.Ticks ?? 0;
        _maxHeldRows = query.Options.Limits.MaxHeldRows;
    }

    /// <summary>Records dropped because every window they belong to had already closed.</summary>
    public long LateRecords { get; private set; }

    /// <summary>
    /// Records not held in a window because it would have needed a new row (group or buffered record) while
    /// <see cref="MqlLimits.MaxHeldRows"/> rows were held; records of existing groups are still aggregated.
    /// </summary>
    public long OverCapacityRecords { get; private set; }

    /// <summary>Records that passed SAMPLE and WHERE and were aggregated.</summary>
    public long AcceptedRecords { get; private set; }

    /// <summary>When the earliest open window closes (poll then); null when none is open or there is no WINDOW.</summary>
    public DateTimeOffset? NextWindowEnd =>
        _plan.Window is null || _windows.Count == 0 ? null : new DateTimeOffset(_windows.Keys.Min() + _sizeTicks, TimeSpan.Zero);

    /// <summary>Adds a record at the current time of the aggregator's <see cref="TimeProvider"/>.</summary>
    public void Add(in T record) => Add(record, _time.GetUtcNow());

    /// <summary>Adds a record with its event time.</summary>
    public void Add(in T record, DateTimeOffset eventTime)
    {
        if (!_query.Matches(record))
        {
            return;
        }

        var ticks = eventTime.UtcTicks;
        if (_plan.Window is null)
        {
            AcceptedRecords++;
            PrepareScratch(record);
            AddTo(Window(0), record);
            return;
        }

        var accepted = false;
        for (var start = ticks - (ticks % _slideTicks); start > ticks - _sizeTicks; start -= _slideTicks)
        {
            if (start + _sizeTicks <= _closedUpTo)
            {
                continue;
            }

            if (!accepted)
            {
                PrepareScratch(record);
                accepted = true;
            }

            AddTo(Window(start), record);
        }

        if (accepted)
        {
            AcceptedRecords++;
        }
        else
        {
            LateRecords++;
        }
    }

    /// <summary>Emits the rows of every window whose end the clock has reached, oldest window first.</summary>
    public IReadOnlyList<MqlRow> Poll()
    {
        if (_plan.Window is null)
        {
            return [];
        }

        var now = _time.GetUtcNow().UtcTicks;
        _closedUpTo = Math.Max(_closedUpTo, now);
        return Emit(_windows.Keys.Where(start => start + _sizeTicks <= now).Order().ToArray());
    }

    /// <summary>Emits every open window now, closed or not (end of input, or a query without WINDOW).</summary>
    public IReadOnlyList<MqlRow> Flush() => Emit(_windows.Keys.Order().ToArray());

    private WindowState Window(long start)
    {
        if (!_windows.TryGetValue(start, out var window))
        {
            window = new WindowState(start);
            _windows.Add(start, window);
        }

        return window;
    }

    /// <summary>Reads group keys and aggregate arguments once per record, however many windows it joins.</summary>
    private void PrepareScratch(in T record)
    {
        if (_plan.IsBuffered)
        {
            return;
        }

        for (var i = 0; i < _keyScratch.Length; i++)
        {
            _keyScratch[i] = _plan.GroupKeys[i].Evaluate(record);
        }

        for (var i = 0; i < _slotScratch.Length; i++)
        {
            _slotScratch[i] = _plan.Slots[i].Argument?.Evaluate(record) ?? MqlValue.True;
        }
    }

    private void AddTo(WindowState window, in T record)
    {
        if (_plan.IsBuffered)
        {
            AddBuffered(window, record);
            return;
        }

        if (!window.Groups.TryGetValue(new GroupKey(_keyScratch), out var group))
        {
            if (!TryHoldRow())
            {
                return;
            }

            group = NewGroup(record);
            window.Groups.Add(new GroupKey(Array.ConvertAll(_keyScratch, v => v.Detach())), group);
        }

        for (var i = 0; i < _slotScratch.Length; i++)
        {
            group.Aggregates[i].Add(_slotScratch[i]);
        }
    }

    private GroupState NewGroup(in T record)
    {
        var firsts = new MqlValue[_plan.Columns.Count];
        for (var i = 0; i < firsts.Length; i++)
        {
            var column = _plan.Columns[i];
            if (column.Kind is ColumnKind.FirstValue or ColumnKind.Constant)
            {
                firsts[i] = column.Value!.Evaluate(record).Detach();
            }
        }

        return new GroupState(_plan.NewStates(), firsts);
    }

    private void AddBuffered(WindowState window, in T record)
    {
        if (!TryHoldRow())
        {
            return;
        }

        var keys = new MqlValue[_plan.RecordOrder.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _plan.RecordOrder[i].Key.Evaluate(record).Detach();
        }

        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, RowWriterOptions))
        {
            _query.WriteProjection(writer, record);
        }

        window.Buffered.Add((keys, _buffer.WrittenSpan.ToArray()));
    }

    private bool TryHoldRow()
    {
        if (_heldRows < _maxHeldRows)
        {
            _heldRows++;
            return true;
        }

        OverCapacityRecords++;
        return false;
    }

    private List<MqlRow> Emit(long[] starts)
    {
        var rows = new List<MqlRow>();
        foreach (var start in starts)
        {
            var window = _windows[start];
            _windows.Remove(start);
            _heldRows -= window.Groups.Count + window.Buffered.Count;
            DateTimeOffset? from = _plan.Window is null ? null : new DateTimeOffset(start, TimeSpan.Zero);
            DateTimeOffset? to = from + _plan.Window?.Size;
            foreach (var json in _plan.IsBuffered ? SortBuffered(window) : Aggregate(window))
            {
                rows.Add(new MqlRow(from, to, json));
            }
        }

        return rows;
    }

    private IEnumerable<byte[]> SortBuffered(WindowState window)
    {
        var order = _plan.RecordOrder;
        var sorted = window.Buffered.Order(Comparer<(MqlValue[] SortKeys, byte[] Json)>.Create(
            (a, b) => RowSorting.Compare(a.SortKeys, b.SortKeys, i => order[i].Descending)));
        return sorted.Take(_plan.Limit ?? int.MaxValue).Select(r => r.Json);
    }

    private IEnumerable<byte[]> Aggregate(WindowState window)
    {
        var rows = new List<MqlValue[]>(window.Groups.Count);
        foreach (var (key, group) in window.Groups)
        {
            var row = new MqlValue[_plan.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                var column = _plan.Columns[i];
                row[i] = column.Kind switch
                {
                    ColumnKind.Aggregate => group.Aggregates[column.Index].Result(),
                    ColumnKind.GroupKey => key.Values[column.Index],
                    _ => group.FirstValues[i],
                };
            }

            if (_plan.Having?.Evaluate(row) ?? true)
            {
                rows.Add(row);
            }
        }

        var order = _plan.RowOrder;
        IEnumerable<MqlValue[]> sorted = order.Length == 0
            ? rows
            : rows.Order(Comparer<MqlValue[]>.Create((a, b) => RowSorting.Compare(
                order.Select(o => o.Key.Evaluate(a)).ToArray(),
                order.Select(o => o.Key.Evaluate(b)).ToArray(),
                i => order[i].Descending)));
        return sorted.Take(_plan.Limit ?? int.MaxValue).Select(WriteRow);
    }

    private byte[] WriteRow(MqlValue[] row)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, RowWriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < row.Length; i++)
            {
                if (_plan.Columns[i].Visible)
                {
                    writer.WritePropertyName(_plan.Columns[i].Name);
                    row[i].WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return _buffer.WrittenSpan.ToArray();
    }
}
