using System.Diagnostics;

namespace StreamJobs.Cassandra.Tests.Support;

/// <summary>Runs the repository's scripts/*.sh (found by walking up to StreamJobs.sln), bounded in time.</summary>
internal static class ServerScripts
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StreamJobs.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("StreamJobs.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Runs a script with KEEP_DATA=1 and returns its output; throws with the output when it fails or hangs.</summary>
    public static async Task<string> RunAsync(string script, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "scripts", script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepoRoot,
        };
        info.Environment["KEEP_DATA"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {script}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/{script} did not finish within {timeout}.");
        }

        string output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} exited with {process.ExitCode}:\n{output}");
        }

        return output;
    }
}
