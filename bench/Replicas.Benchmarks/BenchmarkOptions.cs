namespace StreamJobs.Replicas.Benchmarks;

/// <summary>The command line: <c>[--spans N] [--repeats R] [--replicas 1,2,3] [--partitions P] [--quiet-wait 00:00:01] [--keep-topic] [--compare-host DIR] [--compare-env NAME=VALUE] [--in-turn]</c>.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = "usage: Replicas.Benchmarks [--spans 1000000] [--repeats 3] [--replicas 1,2,3] [--partitions 6] [--quiet-wait 00:00:01] [--timeout-seconds 180] [--keep-topic] [--compare-host DIR] [--compare-env NAME=VALUE ...] [--in-turn]";

    /// <summary>Spans produced once (whole traces, so slightly more).</summary>
    public long Spans { get; private set; } = 1_000_000;

    /// <summary>Measurements per replica count and of the baseline; the best is reported.</summary>
    public int Repeats { get; private set; } = 3;

    public IReadOnlyList<int> Replicas { get; private set; } = [1, 2, 3];

    public int Partitions { get; private set; } = 6;

    /// <summary>The span buffer's quiet time: how long after its last span a trace is decided.</summary>
    public TimeSpan QuietWait { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one measurement may take before it counts as stuck.</summary>
    public TimeSpan RunTimeout { get; private set; } = TimeSpan.FromSeconds(180);

    /// <summary>Leave the topic in place at the end (it is deleted otherwise).</summary>
    public bool KeepTopic { get; private set; }

    /// <summary>
    /// A folder holding another build of the host (<c>streamjobs.dll</c>): each round runs its replicas in a group of
    /// their own at the same time as this build's, on the same topic, so both see the same load on a shared machine.
    /// </summary>
    public string? CompareHost { get; private set; }

    /// <summary>
    /// Environment variables set for the compare host's replicas only (<c>--compare-env NAME=VALUE</c>, repeatable),
    /// e.g. a runtime knob that has no runtimeconfig name. Without <c>--compare-host</c> the compare host is this build.
    /// </summary>
    public IReadOnlyDictionary<string, string> CompareEnvironment => _compareEnvironment;

    private readonly Dictionary<string, string> _compareEnvironment = [];

    /// <summary>
    /// Runs the compare host's replicas after (or, every other round, before) this build's instead of at the same
    /// moment: each build has the machine to itself, as in the goal's measure, and the rounds' order spreads drift.
    /// </summary>
    public bool CompareInTurn { get; private set; }

    public static BenchmarkOptions Parse(string[] args)
    {
        try
        {
            return Read(args);
        }
        catch (Exception bad) when (bad is FormatException or OverflowException)
        {
            throw new BenchmarkException($"{bad.Message} {Usage}");
        }
    }

    private static BenchmarkOptions Read(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new BenchmarkException($"{args[i]} needs a value; {Usage}");
            switch (args[i])
            {
                case "--spans": options.Spans = Positive(long.Parse(Value()), "--spans"); break;
                case "--repeats": options.Repeats = (int)Positive(int.Parse(Value()), "--repeats"); break;
                case "--replicas": options.Replicas = Value().Split(',').Select(r => (int)Positive(int.Parse(r), "--replicas")).ToArray(); break;
                case "--partitions": options.Partitions = (int)Positive(int.Parse(Value()), "--partitions"); break;
                case "--quiet-wait": options.QuietWait = TimeSpan.Parse(Value()); break;
                case "--timeout-seconds": options.RunTimeout = TimeSpan.FromSeconds(Positive(int.Parse(Value()), "--timeout-seconds")); break;
                case "--keep-topic": options.KeepTopic = true; break;
                case "--in-turn": options.CompareInTurn = true; break;
                case "--compare-host": options.CompareHost = Path.GetFullPath(Value()); break;
                case "--compare-env":
                    var setting = Value().Split('=', 2);
                    if (setting is not [{ Length: > 0 } name, var value]) throw new BenchmarkException($"--compare-env takes NAME=VALUE; {Usage}");
                    options._compareEnvironment[name] = value;
                    break;
                default: throw new BenchmarkException($"unknown argument {args[i]}; {Usage}");
            }
        }
        if (options._compareEnvironment.Count > 0) options.CompareHost ??= AppContext.BaseDirectory;
        if (options.CompareInTurn && options.CompareHost is null) throw new BenchmarkException($"--in-turn needs --compare-host or --compare-env; {Usage}");
        if (options.Replicas.Max() > options.Partitions)
            throw new BenchmarkException($"{options.Replicas.Max()} replicas on {options.Partitions} partitions would leave a replica idle; raise --partitions.");
        return options;
    }

    private static long Positive(long value, string name) => value > 0 ? value : throw new BenchmarkException($"{name} must be positive; {Usage}");
}
