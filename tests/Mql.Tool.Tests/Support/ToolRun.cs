namespace StreamJobs.Mql.Tool.Tests.Support;

/// <summary>The <c>mql</c> command run in process, with its output and errors captured.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    public static async Task<ToolRun> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = await MqlCommand.RunAsync(args, output, error);
        return new ToolRun(exit, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
