using Microsoft.Extensions.Options;

namespace StreamJobs.Host.Taps;

/// <summary>Refuses to start with impossible limits, or with taps open to the network without a token.</summary>
internal sealed class TapOptionsValidator(IConfiguration configuration) : IValidateOptions<TapOptions>
{
    public ValidateOptionsResult Validate(string? name, TapOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrent < 1) failures.Add($"{TapOptions.Section}:MaxConcurrent must be at least 1 but is {options.MaxConcurrent}.");
        if (options.MaxRecordsPerSecond < 1) failures.Add($"{TapOptions.Section}:MaxRecordsPerSecond must be at least 1 but is {options.MaxRecordsPerSecond}.");
        if (options.BufferBatches < 1) failures.Add($"{TapOptions.Section}:BufferBatches must be at least 1 but is {options.BufferBatches}.");
        if (options.MetaInterval <= TimeSpan.Zero) failures.Add($"{TapOptions.Section}:MetaInterval must be positive but is {options.MetaInterval}.");
        if (options.Workers is < 1 or > 64) failures.Add($"{TapOptions.Section}:Workers must be between 1 and 64 but is {options.Workers}.");
        if (options.EvaluationBudget <= TimeSpan.Zero || options.EvaluationBudget > TimeSpan.FromSeconds(1))
            failures.Add($"{TapOptions.Section}:EvaluationBudget must be positive and at most 00:00:01 (it is per second) but is {options.EvaluationBudget}.");
        if (options.RegexTimeout <= TimeSpan.Zero || options.RegexTimeout > TimeSpan.FromSeconds(10))
            failures.Add($"{TapOptions.Section}:RegexTimeout must be positive and at most 00:00:10 but is {options.RegexTimeout}.");
        if (options.MaxRegexTimeouts < 1) failures.Add($"{TapOptions.Section}:MaxRegexTimeouts must be at least 1 but is {options.MaxRegexTimeouts}.");
        if (options.RegexTimeoutWindow <= TimeSpan.Zero) failures.Add($"{TapOptions.Section}:RegexTimeoutWindow must be positive but is {options.RegexTimeoutWindow}.");
        if (options.MaxDuration <= TimeSpan.Zero || options.MaxDuration > TapOptions.LongestDuration)
            failures.Add($"{TapOptions.Section}:MaxDuration must be positive and at most {TapOptions.LongestDuration} but is {options.MaxDuration}.");
        if (options.MaxQueryBytes is < 1 or > 16 * 1024 * 1024) failures.Add($"{TapOptions.Section}:MaxQueryBytes must be between 1 and 16777216 but is {options.MaxQueryBytes}.");
        if (options.MaxQueryLength < 1) failures.Add($"{TapOptions.Section}:MaxQueryLength must be at least 1 but is {options.MaxQueryLength}.");
        if (options.MaxQueryRegexTerms < 1)
            failures.Add($"{TapOptions.Section}:MaxQueryRegexTerms must be at least 1 but is {options.MaxQueryRegexTerms}.");
        if (options.MaxQueryDepth is < 1 or > Mql.MqlLimits.DepthCeiling)
            failures.Add($"{TapOptions.Section}:MaxQueryDepth must be between 1 and {Mql.MqlLimits.DepthCeiling} but is {options.MaxQueryDepth}.");
        if (options.ReplicaPort is < 1 or > 65535) failures.Add($"{TapOptions.Section}:ReplicaPort must be a TCP port but is {options.ReplicaPort}.");
        foreach (var replica in options.Replicas)
        {
            if (!Uri.TryCreate(replica, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                failures.Add($"{TapOptions.Section}:Replicas: '{replica}' is not an http(s) base URL.");
        }

        var urls = configuration["StreamJobs:Http:Urls"] ?? StreamJobsHost.DefaultUrls;
        var exposed = LoopbackUrls.NonLoopback(urls);
        if (exposed.Count > 0 && string.IsNullOrEmpty(options.Token))
        {
            failures.Add($"{TapOptions.Section}:Token is required because StreamJobs:Http:Urls binds {string.Join(", ", exposed)}, " +
                "which is not loopback, and taps stream live records: set a token (environment STREAMJOBS_StreamJobs__Taps__Token) or bind 127.0.0.1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
