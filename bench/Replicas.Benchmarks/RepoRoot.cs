namespace StreamJobs.Replicas.Benchmarks;

/// <summary>The repository checkout this benchmark was built in (the folder holding StreamJobs.sln).</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "StreamJobs.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("StreamJobs.sln not found above the benchmark's binaries; run it from the repository (dotnet run --project bench/Replicas.Benchmarks).");
    }
}
