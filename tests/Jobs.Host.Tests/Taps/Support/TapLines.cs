using System.Text.Json;

namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>Reads a tap response line by line and tells results from <c>$meta</c> lines.</summary>
public static class TapLines
{
    public static bool IsMeta(string line) => line.StartsWith("{\"$meta\"", StringComparison.Ordinal);

    public static JsonElement Meta(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("$meta").Clone();
    }

    /// <summary>Every line of a response that ends by itself (LIMIT, duration).</summary>
    public static async Task<List<string>> ReadAllAsync(HttpClient http, string path, Action<string>? onLine = null)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            onLine?.Invoke(line);
        }
        return lines;
    }
}
