using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// A heartbeat-learned fact: <see cref="Workload"/> owned <see cref="Ip"/> throughout
/// [<see cref="FirstUnixMs"/>, <see cref="LastUnixMs"/>] (both inclusive). Replicas exchange these so each learns
/// from flows the others saw; applying one is idempotent.
/// </summary>
/// <param name="Ip">The address.</param>
/// <param name="Workload">The owner.</param>
/// <param name="FirstUnixMs">First instant seen, Unix milliseconds.</param>
/// <param name="LastUnixMs">Last instant seen, Unix milliseconds.</param>
public readonly record struct LearnedRange(IpAddress Ip, string Workload, long FirstUnixMs, long LastUnixMs);
