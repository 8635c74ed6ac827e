using System.Text.Json;

namespace StreamJobs.Mql.Tool;

/// <summary><c>mql streams</c>: the host's named streams and the shape of their records.</summary>
internal static class HostStreams
{
    public static async Task<int> RunAsync(ToolSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var client = new HostClient(settings);
        try
        {
            using var response = await client.GetAsync("/taps", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var (message, _) = await HostClient.ErrorOfAsync(response, cancellationToken);
                error.WriteLine($"mql: {client.Host.ToString().TrimEnd('/')} refused ({(int)response.StatusCode}): {message}");
                return ExitCodes.Failed;
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var stream in document.RootElement.EnumerateArray())
            {
                output.WriteLine($"{stream.GetProperty("name").GetString()}  ({stream.GetProperty("recordType").GetString()}, {stream.GetProperty("schema").GetString()} schema, {stream.GetProperty("published").GetInt64():N0} published)");
                foreach (var property in stream.GetProperty("shape").EnumerateArray()) output.WriteLine("  " + property.GetString());
            }
            return ExitCodes.Ok;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine(client.Unreachable(e));
            return ExitCodes.Unreachable;
        }
    }
}
