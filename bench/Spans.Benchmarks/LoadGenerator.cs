using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace StreamJobs.Spans.Benchmarks;

/// <summary>
/// Senders posting <see cref="SpanBodies"/> as fast as they are answered, each body stamped with fresh trace ids.
/// A refusal (429/503) waits a few milliseconds, as a client honouring backpressure would, and is counted.
/// </summary>
internal sealed class LoadGenerator(HttpClient http, SpanBodies bodies, int senders)
{
    private static long s_nextTrace = 1;
    private long _accepted, _refused, _failed;

    public long AcceptedSpans => Interlocked.Read(ref _accepted) * SpanBodies.SpansPerRequest;

    public long Refused => Interlocked.Read(ref _refused);

    public long Failed => Interlocked.Read(ref _failed);

    public Task RunAsync(Uri target, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(() => SendAsync(new Uri(target, bodies.Path), stop))));

    private async Task SendAsync(Uri uri, CancellationToken stop)
    {
        var body = Array.Empty<byte>();
        var type = new MediaTypeHeaderValue(bodies.ContentType);
        while (!stop.IsCancellationRequested)
        {
            body = bodies.Stamp(body, Interlocked.Add(ref s_nextTrace, SpanBodies.TracesPerRequest));
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = type;
            try
            {
                using var response = await http.PostAsync(uri, content, stop);
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref _accepted);
                else if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _refused);
                    await Task.Delay(5, stop);
                }
                else Interlocked.Increment(ref _failed);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
