using System.CommandLine;

namespace StreamJobs.Mql.Tool;

/// <summary>The command line: <c>mql [options] "query"</c> and <c>mql streams</c>.</summary>
internal static class MqlCommand
{
    public const string DefaultHost = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var host = new Option<string>("--host") { Description = "Base URL of the StreamJobs host", DefaultValueFactory = _ => DefaultHost, Recursive = true };
        var token = new Option<string?>("--token") { Description = "Bearer token for a host bound to a non-loopback address (default: $MQL_TOKEN)", Recursive = true };
        var file = new Option<string?>("--file", "-f") { Description = "Query an NDJSON file offline instead of a host ('-' reads stdin)" };
        var limit = new Option<int?>("--limit", "-n") { Description = "Stop after this many results" };
        var duration = new Option<string?>("--duration", "-d") { Description = "Stop after this long, e.g. 10s, 2m (open windows are flushed)" };
        var table = new Option<bool>("--table", "-t") { Description = "Print aggregate rows as a table per window instead of NDJSON" };
        var fanout = new Option<bool?>("--fanout") { Description = "Query every replica of the host (default: the host's configuration)" };
        var timeField = new Option<string?>("--time-field") { Description = "For --file: the property with each record's event time (epoch seconds or ISO 8601)" };
        var query = new Argument<string?>("query") { Description = "The MQL query, e.g. \"select * from spans where service == 'payments'\"", Arity = ArgumentArity.ZeroOrOne };

        var root = new RootCommand("Run MQL queries on the live taps of a StreamJobs host, or offline over NDJSON files.")
        {
            host, token, file, limit, duration, table, fanout, timeField, query,
        };
        var streams = new Command("streams", "List the host's named streams and their record shapes.");
        root.Add(streams);

        streams.SetAction(async (result, cancel) =>
            Settings(result, host, token, null, null, false, null, null, error) is { } settings
                ? await HostStreams.RunAsync(settings, output, error, cancel)
                : ExitCodes.BadQuery);
        root.SetAction(async (result, cancel) =>
        {
            var text = result.GetValue(query);
            if (string.IsNullOrWhiteSpace(text))
            {
                error.WriteLine("mql: give a query, e.g. mql \"select * from spans limit 5\", or 'mql streams'; see 'mql --help'");
                return ExitCodes.BadQuery;
            }
            if (Settings(result, host, token, limit, duration, result.GetValue(table), fanout, timeField, error) is not { } settings) return ExitCodes.BadQuery;
            if (result.GetValue(file) is { } path) return await FileQuery.RunAsync(path, text, settings, output, error, cancel);
            return await HostQuery.RunAsync(text, settings, output, error, cancel);
        });
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine("mql: " + problem.Message);
            error.WriteLine("Try 'mql --help'.");
            return ExitCodes.BadQuery;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static ToolSettings? Settings(ParseResult result, Option<string> host, Option<string?> token, Option<int?>? limit, Option<string?>? duration,
        bool table, Option<bool?>? fanout, Option<string?>? timeField, TextWriter error)
    {
        var url = result.GetValue(host) ?? DefaultHost;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"mql: --host must be an http(s) URL such as {DefaultHost} but is '{url}'");
            return null;
        }
        var max = limit is null ? null : result.GetValue(limit);
        if (max is < 1)
        {
            error.WriteLine($"mql: --limit must be at least 1 but is {max}");
            return null;
        }
        TimeSpan? span = null;
        if (duration is not null && result.GetValue(duration) is { } text)
        {
            if (!MqlDuration.TryParse(text, out var parsedSpan))
            {
                error.WriteLine($"mql: --duration must be like 10s, 500ms, 2m or 00:00:10 but is '{text}'");
                return null;
            }
            span = parsedSpan;
        }
        var bearer = result.GetValue(token) ?? Environment.GetEnvironmentVariable("MQL_TOKEN");
        return new ToolSettings(uri, bearer, max, span, table, fanout is null ? null : result.GetValue(fanout), timeField is null ? null : result.GetValue(timeField));
    }
}
