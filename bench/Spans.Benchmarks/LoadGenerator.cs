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
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
                if (bodies.IsGrpc)
                {
                    request.Version = HttpVersion.Version20;
                    request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
                    request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
                }
                using var response = await http.SendAsync(request, stop);
                var status = bodies.IsGrpc ? await GrpcStatusAsync(response, stop) : response.StatusCode;
                if ((int)status is >= 200 and < 300) Interlocked.Increment(ref _accepted);
                else if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
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

    /// <summary>A gRPC answer as the HTTP status the same outcome gets over HTTP: OK, RESOURCE_EXHAUSTED and UNAVAILABLE (refusals), else failed.</summary>
    private static async Task<HttpStatusCode> GrpcStatusAsync(HttpResponseMessage response, CancellationToken stop)
    {
        await response.Content.ReadAsByteArrayAsync(stop); // trailers arrive after the body
        var code = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.FirstOrDefault()
            : response.Headers.TryGetValues("grpc-status", out var early) ? early.FirstOrDefault() : null;
        return code switch
        {
            "0" => HttpStatusCode.OK,
            "8" => HttpStatusCode.TooManyRequests,
            "14" => HttpStatusCode.ServiceUnavailable,
            _ => HttpStatusCode.BadRequest,
        };
    }
}
