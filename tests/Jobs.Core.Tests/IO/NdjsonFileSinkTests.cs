using StreamJobs.IO;
using StreamJobs.Streams;

namespace StreamJobs.Tests.IO;

public sealed class NdjsonFileSinkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ndjson-sink").FullName;

    [Fact]
    public async Task A_new_run_removes_the_numbered_files_an_earlier_run_left_and_nothing_else()
    {
        foreach (var stale in new[] { "spans-0001.ndjson", "spans-0007.ndjson", "spans-notes.ndjson", "traces-0001.ndjson", "readme.txt" })
            await File.WriteAllTextAsync(Path.Combine(_folder, stale), "{\"old\":true}\n");
        await using var materializer = new Materializer();

        await Source.From(Enumerable.Range(1, 3))
            .RunWith(FileSinks.Ndjson<int>(new NdjsonFileOptions { Directory = _folder, Prefix = "spans" }, (json, i) => json.WriteNumberValue(i)), materializer);

        Assert.Equal(["readme.txt", "spans-0001.ndjson", "spans-notes.ndjson", "traces-0001.ndjson"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["1", "2", "3"], await File.ReadAllLinesAsync(Path.Combine(_folder, "spans-0001.ndjson")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
