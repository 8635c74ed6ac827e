using System.Net.Http.Headers;
using System.Text.Json;

namespace StreamJobs.Mql.Tool;

/// <summary>The HTTP side of <c>mql</c>: one client per run, no overall timeout (taps stream for as long as asked).</summary>
internal sealed class HostClient(ToolSettings settings) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = settings.Host,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public Uri Host => settings.Host;

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        if (!string.IsNullOrEmpty(settings.Token)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The <c>error</c> of a JSON error body (and its <c>caret</c>, for bad queries), or the body itself.</summary>
    public static async Task<(string Message, string? Caret)> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var message = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            var caret = root.TryGetProperty("caret", out var c) ? c.GetString() : null;
            return ($"{message ?? body}", caret);
        }
        catch (JsonException)
        {
            return ($"{(int)response.StatusCode} {response.ReasonPhrase}: {body.Trim()}", null);
        }
    }

    /// <summary>The message printed when the host cannot be reached at all, with the way to start one.</summary>
    public string Unreachable(Exception error) =>
        $"mql: cannot reach {settings.Host.ToString().TrimEnd('/')}: {error.GetBaseException().Message}\n" +
        "Is a host running there? Start the demo with `dotnet run -c Release --project src/Jobs.Host -- demo` " +
        "(or `streamjobs demo`), or point mql at yours with --host.";

    public void Dispose() => _http.Dispose();
}
