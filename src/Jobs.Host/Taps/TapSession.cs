using System.Text.Json;
using StreamJobs.Mql;
using StreamJobs.NamedStreams;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Runs a compiled query at a lossy tap: only matches leave the process. <typeparamref name="TQueried"/> is the
/// record type itself (typed schema) or <c>JsonElement</c> (the JSON fallback), reached through <c>convert</c>.
/// The query is evaluated on the <see cref="TapWorkers"/>, within the tap's evaluation budget; the request's task
/// only moves batches and writes the response.
/// </summary>
internal sealed class TapSession<TSource, TQueried>(NamedStream<TSource> stream, MqlCompiledQuery<TQueried> query, Func<TSource, TQueried> convert,
    string schemaKind, TapWorkers workers, TapMetrics? metrics, TapStop stop)
    : ITapSession
{
    private const string Limit = "limit";
    private const string Stopped = "stopped";
    private const string Cancelled = "cancelled";

    public IReadOnlyList<string> UnknownProperties => query.UnknownProperties;

    public async Task RunAsync(TapOutput output, TapRunSettings settings, CancellationToken requestAborted, CancellationToken stopping = default)
    {
        // Writes are never cancelled by the duration: Kestrel aborts the connection when a write is cancelled, and a
        // duration that fires mid-flush would reset a client that was reading fine instead of sending it the last line.
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(writing.Token);
        ending.CancelAfter(settings.Duration ?? settings.MaxDuration);
        var cancel = ending.Token;
        // A cancelled tap abandons the record in progress: its remaining regex terms are skipped, not run to their timeouts.
        using var stopOnCancel = cancel.Register(() => stop.Stop(Cancelled));
        var run = new Run(new TapCounters(), new TapRateLimiter(settings.MaxRecordsPerSecond), new TapBudget(settings.EvaluationBudget),
            new RegexTimeoutGuard(settings.MaxRegexTimeouts, settings.RegexTimeoutWindow),
            query.Query.RequiresAggregator ? query.CreateAggregator(settings.Time) : null, output);
        var limit = run.Aggregator is null ? query.Query.Limit : null;

        using var tap = stream.OpenTap(settings.BufferBatches);
        WriteMeta(run, tap, null, true);
        // Only the client leaving may end the request here; a shutdown or duration that already fired ends the tap below.
        await output.FlushAsync(requestAborted).ConfigureAwait(false);

        using var timer = new PeriodicTimer(settings.MetaInterval < TimeSpan.FromMilliseconds(250) ? settings.MetaInterval : TimeSpan.FromMilliseconds(250));
        var lastMeta = Environment.TickCount64;
        string end;
        // LIMIT 0 asks for nothing: end before reading, rather than after writing the first match.
        if (limit == 0) end = Limit;
        else await using (var batches = tap.ReadAllAsync(cancel).GetAsyncEnumerator(cancel))
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
                        if (run.Aggregator is { } polled) await workers.RunAsync(() => WriteRows(run, polled.Poll())).ConfigureAwait(false);
                        if (Environment.TickCount64 - lastMeta >= (long)settings.MetaInterval.TotalMilliseconds)
                        {
                            lastMeta = Environment.TickCount64;
                            WriteMeta(run, tap, null, false);
                        }
                        if (output.HasPending) await output.FlushAsync(writing.Token).ConfigureAwait(false);
                        continue;
                    }

                    var more = await next.ConfigureAwait(false);
                    next = null;
                    if (!more)
                    {
                        end = "stream-ended";
                        break;
                    }
                    var batch = batches.Current;
                    // The batch stays valid until the next MoveNextAsync, which waits for this evaluation.
                    if (await workers.RunAsync(() => Evaluate(batch.Span, run, limit, cancel)).ConfigureAwait(false) is { } ended)
                    {
                        cancel.ThrowIfCancellationRequested(); // cancelled part-way: ends as duration or shutdown below
                        end = ended;
                        break;
                    }
                    // Also here, not only on a tick: while batches keep coming, the tick never wins the race above.
                    if (Environment.TickCount64 - lastMeta >= (long)settings.MetaInterval.TotalMilliseconds)
                    {
                        lastMeta = Environment.TickCount64;
                        WriteMeta(run, tap, null, false);
                    }
                    if (output.HasPending) await output.FlushAsync(writing.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
            {
                end = stopping.IsCancellationRequested ? "shutdown" : "duration";
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

        string? reason = null;
        if (end == Stopped)
        {
            reason = $"the query's regex timed out {settings.MaxRegexTimeouts} times within {settings.RegexTimeoutWindow} " +
                $"({TapOptions.Section}:MaxRegexTimeouts, RegexTimeout); make the pattern cheaper or narrow the WHERE before the regex";
            metrics?.Stopped("regex-timeouts");
        }
        else if (end == "shutdown")
        {
            reason = "the host is shutting down";
            metrics?.Stopped("shutdown");
        }
        if (run.Aggregator is { } aggregator)
        {
            // A counters line first, so clients can tell the partial windows flushed here from the last closed one.
            WriteMeta(run, tap, null, false);
            await workers.RunAsync(() => WriteRows(run, aggregator.Flush())).ConfigureAwait(false);
        }
        WriteMeta(run, tap, end, false, reason);
        await output.FlushAsync(requestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the query over one batch on a worker, within the tap's budget; returns how the tap ends (LIMIT reached,
    /// or stopped because its regexes keep timing out), or null to go on.
    /// </summary>
    private string? Evaluate(ReadOnlySpan<TSource> records, Run run, int? limit, CancellationToken cancel)
    {
        var counters = run.Counters;
        run.Budget.Begin();
        string? end = null;
        var timeouts = query.RegexTimeouts;
        // Checked before every regex match too, so one record's long term list cannot outrun the budget or the guard.
        stop.During(() => run.Budget.IsSpent() || GuardTripped(run));
        try
        {
            for (var i = 0; i < records.Length; i++)
            {
                if (stop.Reason is { } reason)
                {
                    end = reason;
                    break;
                }
                if (cancel.IsCancellationRequested)
                {
                    end = Cancelled;
                    break;
                }
                if (run.Budget.IsSpent())
                {
                    counters.OverBudget += records.Length - i;
                    metrics?.OverBudget(stream.Name, records.Length - i);
                    break;
                }
                var record = convert(records[i]);
                if (run.Aggregator is not null)
                {
                    run.Aggregator.Add(record); // applies SAMPLE and WHERE itself
                }
                else if (query.Matches(record))
                {
                    counters.Matched++;
                    if (!run.Rate.TryTake())
                    {
                        counters.RateLimited++;
                    }
                    else
                    {
                        run.Output.BeginRecord();
                        query.WriteProjection(run.Output.Writer, record);
                        run.Output.EndRecord();
                        if (++counters.Emitted >= limit)
                        {
                            end = Limit;
                            break;
                        }
                    }
                }
                if (query.RegexTimeouts != timeouts)
                {
                    metrics?.RegexTimeouts(stream.Name, query.RegexTimeouts - timeouts);
                    timeouts = query.RegexTimeouts;
                    if (GuardTripped(run))
                    {
                        end = stop.Reason;
                        break;
                    }
                }
            }
        }
        finally
        {
            stop.During(null);
            run.Budget.End();
            metrics?.RegexTimeouts(stream.Name, query.RegexTimeouts - timeouts);
        }
        return end;
    }

    /// <summary>True once the regexes timed out too often; stops the tap for good.</summary>
    private bool GuardTripped(Run run)
    {
        if (!run.Guard.ShouldStop(query.RegexTimeouts)) return stop.Reason is not null;
        stop.Stop(Stopped);
        return true;
    }

    private static bool WriteRows(Run run, IReadOnlyList<MqlRow> rows)
    {
        foreach (var row in rows)
        {
            run.Output.WriteRaw(row.Utf8Json.Span);
            run.Counters.Emitted++;
        }
        return true;
    }

    private void WriteMeta(Run run, Tap<TSource> tap, string? end, bool first, string? reason = null)
    {
        var counters = run.Counters;
        if (run.Aggregator is { } aggregator) counters.Matched = aggregator.AcceptedRecords + aggregator.LateRecords;
        counters.Delivered = tap.Delivered;
        counters.TapDropped = tap.Dropped;
        counters.RegexTimeouts = query.RegexTimeouts;
        run.Output.BeginMeta();
        Action<Utf8JsonWriter>? extra = first ? WriteStart : null;
        if (run.Aggregator is { OverCapacityRecords: > 0 } full) extra += writer => writer.WriteNumber("overCapacity", full.OverCapacityRecords);
        counters.WriteMeta(run.Output.Writer, stream.Name, end, extra, reason);
        run.Output.EndRecord();
    }

    private void WriteStart(Utf8JsonWriter writer)
    {
        writer.WriteString("schema", schemaKind);
        writer.WriteStartArray("unknownProperties");
        foreach (var name in query.UnknownProperties) writer.WriteStringValue(name);
        writer.WriteEndArray();
    }

    /// <summary>One run's state; touched by one thread at a time (the request's task, or a worker it waits for).</summary>
    private sealed record Run(TapCounters Counters, TapRateLimiter Rate, TapBudget Budget, RegexTimeoutGuard Guard, MqlAggregator<TQueried>? Aggregator, TapOutput Output);
}
