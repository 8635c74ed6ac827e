using System.Text.Json;

namespace StreamJobs.Mql.Tests.Support;

/// <summary>
/// Loads the golden cases (Golden/*.txt, one <c>query ⇶ expected</c> per line, # for comments) and the
/// NDJSON data set they run over (Golden/records.ndjson, each record with its event time in seconds as "ts").
/// </summary>
public static class GoldenFiles
{
    public const string Separator = " ⇶ ";

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static IReadOnlyList<JsonElement> Records { get; } = File.ReadAllLines(Path.Combine(Directory, "records.ndjson"))
        .Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .ToArray();

    public static IEnumerable<GoldenCase> Cases()
    {
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.txt").Order())
        {
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var at = line.IndexOf(Separator, StringComparison.Ordinal);
                if (at < 0)
                {
                    throw new FormatException($"{Path.GetFileName(path)}:{i + 1}: missing '{Separator.Trim()}'");
                }

                yield return new GoldenCase(Path.GetFileName(path), i + 1, line[..at], line[(at + Separator.Length)..].Trim());
            }
        }
    }
}
