using StreamJobs.Mql;
using StreamJobs.NamedStreams;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Runs a compiled query at a lossy tap: only matches leave the process. <typeparamref name="TQueried"/> is the
/// record type itself (typed schema) or <c>JsonElement</c> (the JSON fallback), reached through <c>convert</c>.
/// </summary>
internal sealed class TapSession<TSource, TQueried>(NamedStream<TSource> stream, MqlCompiledQuery<TQueried> query, Func<TSource, TQueried> convert, string schemaKind)
    : ITapSession
{
    public IReadOnlyList<string> UnknownProperties => query.UnknownProperties;

    public async Task RunAsync(TapOutput output, TapRunSettings settings, CancellationToken requestAborted)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        if (settings.Duration is { } duration) ending.CancelAfter(duration);
        var cancel = ending.Token;
        var counters = new TapCounters();
        var rate = new TapRateLimiter(settings.MaxRecordsPerSecond);
        var aggregator = query.Query.RequiresAggregator ? query.CreateAggregator(settings.Time) : null;
        var limit = aggregator is null ? query.Query.Limit : null;

        using var tap = stream.OpenTap(settings.BufferBatches);
        WriteMeta(output, counters, tap, aggregator, null, true);
        await output.FlushAsync(cancel).ConfigureAwait(false);

        using var timer = new PeriodicTimer(settings.MetaInterval < TimeSpan.FromMilliseconds(250) ? settings.MetaInterval : TimeSpan.FromMilliseconds(250));
        var lastMeta = Environment.TickCount64;
        string end;
        await using (var batches = tap.ReadAllAsync(cancel).GetAsyncEnumerator(cancel))
        {
            Task<bool>? next = null;
            Task<bool>? tick = null;
            try
            {
                while (true)
                {
                    next ??= batches.MoveNextAsync().AsTask();
                    tick ??= timer.WaitForNextTickAsync(cancel).AsTask();
                    if (await Task.WhenAny(next, tick).ConfigureAwait(false) == tick)
                    {
                        await tick.ConfigureAwait(false);
                        tick = null;
                        if (aggregator is not null) WriteRows(output, aggregator.Poll(), counters);
                        if (Environment.TickCount64 - lastMeta >= (long)settings.MetaInterval.TotalMilliseconds)
                        {
                            lastMeta = Environment.TickCount64;
                            WriteMeta(output, counters, tap, aggregator, null, false);
                        }
                        if (output.HasPending) await output.FlushAsync(cancel).ConfigureAwait(false);
                        continue;
                    }

                    var more = await next.ConfigureAwait(false);
                    next = null;
                    if (!more)
                    {
                        end = "stream-ended";
                        break;
                    }
                    if (Evaluate(batches.Current.Span, output, counters, rate, aggregator, limit))
                    {
                        end = "limit";
                        break;
                    }
                    if (output.HasPending) await output.FlushAsync(cancel).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
            {
                end = "duration";
            }
            catch (OperationCanceledException)
            {
                return; // the client has gone: nobody to tell
            }
            finally
            {
                // Let the abandoned wait observe the cancellation before the enumerator goes away.
                ending.Cancel();
                if (next is not null) await Task.WhenAny(next).ConfigureAwait(false);
            }
        }

        if (aggregator is not null)
        {
            // A counters line first, so clients can tell the partial windows flushed here from the last closed one.
            WriteMeta(output, counters, tap, aggregator, null, false);
            WriteRows(output, aggregator.Flush(), counters);
        }
        WriteMeta(output, counters, tap, aggregator, end, false);
        await output.FlushAsync(requestAborted).ConfigureAwait(false);
    }

    /// <summary>Runs the query over one batch; true when LIMIT was reached.</summary>
    private bool Evaluate(ReadOnlySpan<TSource> records, TapOutput output, TapCounters counters, TapRateLimiter rate, MqlAggregator<TQueried>? aggregator, int? limit)
    {
        foreach (var source in records)
        {
            var record = convert(source);
            if (aggregator is not null)
            {
                aggregator.Add(record); // applies SAMPLE and WHERE itself
                continue;
            }
            if (!query.Matches(record)) continue;
            counters.Matched++;
            if (!rate.TryTake())
            {
                counters.RateLimited++;
                continue;
            }
            output.BeginRecord();
            query.WriteProjection(output.Writer, record);
            output.EndRecord();
            if (++counters.Emitted >= limit) return true;
        }
        return false;
    }

    private static void WriteRows(TapOutput output, IReadOnlyList<MqlRow> rows, TapCounters counters)
    {
        foreach (var row in rows)
        {
            output.WriteRaw(row.Utf8Json.Span);
            counters.Emitted++;
        }
    }

    private void WriteMeta(TapOutput output, TapCounters counters, Tap<TSource> tap, MqlAggregator<TQueried>? aggregator, string? end, bool first)
    {
        if (aggregator is not null) counters.Matched = aggregator.AcceptedRecords + aggregator.LateRecords;
        counters.Delivered = tap.Delivered;
        counters.TapDropped = tap.Dropped;
        output.BeginMeta();
        counters.WriteMeta(output.Writer, stream.Name, end, first ? WriteStart : null);
        output.EndRecord();
    }

    private void WriteStart(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteString("schema", schemaKind);
        writer.WriteStartArray("unknownProperties");
        foreach (var name in query.UnknownProperties) writer.WriteStringValue(name);
        writer.WriteEndArray();
    }
}
