using System.Globalization;
using System.Net;

namespace StreamJobs.Mql.Tool;

/// <summary><c>mql "select … from stream …"</c>: streams a live tap's results from a host to stdout.</summary>
internal static class HostQuery
{
    public static async Task<int> RunAsync(string text, ToolSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (QueryErrors.Parse(text, error) is not { } query) return ExitCodes.BadQuery;
        if (query.Source is null)
        {
            error.WriteLine("mql: the query needs FROM <stream> to run against a host (mql streams lists them), or pass --file");
            return ExitCodes.BadQuery;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The host ends the tap at the duration; this margin only covers a host that stops answering.
        if (settings.Duration is { } d) stopping.CancelAfter(d + TimeSpan.FromSeconds(15));
        var path = "/taps/query?q=" + Uri.EscapeDataString(text);
        if (settings.Duration is { } duration) path += "&duration=" + ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        if (settings.Fanout is { } fanout) path += "&fanout=" + (fanout ? "true" : "false");

        using var client = new HostClient(settings);
        var results = new ResultOutput(output, settings.Table);
        var drops = new DropReporter(error);
        try
        {
            using var response = await client.GetAsync(path, stopping.Token);
            if (!response.IsSuccessStatusCode)
            {
                var (message, caret) = await HostClient.ErrorOfAsync(response, stopping.Token);
                if (response.StatusCode == HttpStatusCode.BadRequest && caret is not null)
                {
                    QueryErrors.Print(error, message, caret);
                    return ExitCodes.BadQuery;
                }
                error.WriteLine($"mql: {client.Host.ToString().TrimEnd('/')} refused the query ({(int)response.StatusCode}): {message}");
                return ExitCodes.Failed;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stopping.Token));
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                if (line.Length == 0) continue;
                if (DropReporter.IsMeta(line))
                {
                    drops.Read(line);
                    results.EndBurst(); // rows of a closed window arrive before the next counters
                    continue;
                }
                results.Write(line);
                if (results.Written >= settings.Limit) break;
            }
            results.EndBurst();
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            results.EndBurst();
            return ExitCodes.Ok; // Ctrl-C or the duration: what arrived was printed
        }
        catch (HttpRequestException e)
        {
            error.WriteLine(client.Unreachable(e));
            return ExitCodes.Unreachable;
        }
        catch (IOException e)
        {
            error.WriteLine($"mql: the connection to {client.Host.ToString().TrimEnd('/')} broke: {e.GetBaseException().Message}");
            return ExitCodes.Failed;
        }
    }
}
