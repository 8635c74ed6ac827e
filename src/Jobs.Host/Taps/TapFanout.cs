using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StreamJobs.Mql;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Runs a query on every replica's tap (with <c>fanout=false</c>) and merges their NDJSON into one response. Result
/// lines pass through as they come; each replica's counters are kept and reported together in this node's
/// <c>$meta</c> lines. A replica that cannot be reached or refuses is reported there, the others go on.
/// </summary>
internal sealed class TapFanout(IOptions<TapOptions> options) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task RunAsync(TapOutput output, TapRequest request, MqlQuery query, IReadOnlyList<string> replicas, CancellationToken requestAborted,
        CancellationToken stopping = default)
    {
        // Writes are never cancelled by the duration (see TapSession): a cancelled write makes Kestrel reset the client.
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(writing.Token);
        // Replicas end themselves at the duration; the margin only guards against one that hangs.
        if (request.Duration is { } duration) ending.CancelAfter(duration + TimeSpan.FromSeconds(10));
        var cancel = ending.Token;
        var lines = Channel.CreateBounded<(int Replica, string Line)>(new BoundedChannelOptions(1024) { SingleReader = true });
        var states = replicas.Select(url => new ReplicaState(url)).ToArray();
        var limit = query.RequiresAggregator ? null : query.Limit;
        // LIMIT 0 asks for nothing: no replica is tapped, and the tap ends before reading.
        var readers = limit == 0 ? [] : states.Select((state, i) => ReadAsync(i, state, request, lines.Writer, cancel)).ToArray();
        _ = Task.WhenAll(readers).ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);

        var stream = query.Source ?? "";
        long emitted = 0;
        string end = "replicas-ended";
        WriteMeta(output, stream, states, emitted, null);
        // Only the client leaving may end the request here; a shutdown or duration that already fired ends the tap below.
        await output.FlushAsync(requestAborted).ConfigureAwait(false);

        using var timer = new PeriodicTimer(options.Value.MetaInterval);
        Task<bool>? ready = null;
        Task<bool>? tick = null;
        try
        {
            if (limit == 0) end = "limit";
            else while (true)
            {
                ready ??= lines.Reader.WaitToReadAsync(cancel).AsTask();
                tick ??= timer.WaitForNextTickAsync(cancel).AsTask();
                if (await Task.WhenAny(ready, tick).ConfigureAwait(false) == tick)
                {
                    await tick.ConfigureAwait(false);
                    tick = null;
                    WriteMeta(output, stream, states, emitted, null);
                    await output.FlushAsync(writing.Token).ConfigureAwait(false);
                    continue;
                }
                var more = await ready.ConfigureAwait(false);
                ready = null;
                if (!more) break;
                var limited = false;
                while (lines.Reader.TryRead(out var item))
                {
                    if (item.Line.StartsWith("{\"$meta\"", StringComparison.Ordinal))
                    {
                        using var document = JsonDocument.Parse(item.Line);
                        states[item.Replica].Meta = document.RootElement.GetProperty("$meta").Clone();
                        continue;
                    }
                    output.WriteRaw(Encoding.UTF8.GetBytes(item.Line));
                    if (++emitted >= limit)
                    {
                        limited = true;
                        break;
                    }
                }
                await output.FlushAsync(writing.Token).ConfigureAwait(false);
                if (limited)
                {
                    end = "limit";
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            end = stopping.IsCancellationRequested ? "shutdown" : "duration";
        }
        finally
        {
            ending.Cancel(); // stops the replica reads: their taps close when the connections do
            await Task.WhenAll(readers).ConfigureAwait(false);
        }
        if (requestAborted.IsCancellationRequested) return;
        WriteMeta(output, stream, states, emitted, end);
        await output.FlushAsync(requestAborted).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task ReadAsync(int index, ReplicaState state, TapRequest request, ChannelWriter<(int, string)> lines, CancellationToken cancel)
    {
        var uri = $"{state.Url}/taps/query?fanout=false";
        if (request.Duration is { } duration) uri += $"&duration={(long)duration.TotalMilliseconds}ms";
        try
        {
            // The query goes as the body: a query string is cut at Kestrel's 8 KB request line, a body is not.
            using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(request.Query, Encoding.UTF8, "text/plain") };
            if (!string.IsNullOrEmpty(options.Value.Token)) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Token);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                state.Error = $"{(int)response.StatusCode}: {ErrorOf(await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false))}";
                return;
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false));
            while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0) await lines.WriteAsync((index, line), cancel).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is HttpRequestException or IOException or OperationCanceledException)
        {
            state.Error = $"cannot reach {state.Url}: {error.GetBaseException().Message}";
        }
    }

    private static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static void WriteMeta(TapOutput output, string stream, ReplicaState[] states, long emitted, string? end)
    {
        var writer = output.Writer;
        output.BeginMeta();
        writer.WriteStartObject();
        writer.WriteStartObject("$meta");
        writer.WriteString("stream", stream);
        writer.WriteBoolean("fanout", true);
        writer.WriteNumber("matched", states.Sum(s => s.Counter("matched")));
        writer.WriteNumber("emitted", emitted);
        writer.WriteNumber("dropped", states.Sum(s => s.Counter("dropped")));
        writer.WriteStartArray("replicas");
        foreach (var state in states) state.Write(writer);
        writer.WriteEndArray();
        if (end is not null) writer.WriteString("end", end);
        writer.WriteEndObject();
        writer.WriteEndObject();
        output.EndRecord();
    }
}
