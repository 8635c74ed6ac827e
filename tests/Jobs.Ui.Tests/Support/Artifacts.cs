namespace StreamJobs.Ui.Tests.Support;

/// <summary>
/// Where screenshots go: <c>ui-screenshots</c> under the run's test results folder (scripts/test.sh sets
/// STREAMJOBS_TEST_RESULTS), else beside the test binaries.
/// </summary>
public static class Artifacts
{
    public static string Directory { get; } = Create();

    private static string Create()
    {
        var root = Environment.GetEnvironmentVariable("STREAMJOBS_TEST_RESULTS") is { Length: > 0 } results
            ? results
            : Path.Combine(AppContext.BaseDirectory, "TestResults");
        return System.IO.Directory.CreateDirectory(Path.Combine(root, "ui-screenshots")).FullName;
    }
}
