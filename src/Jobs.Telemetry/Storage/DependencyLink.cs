namespace StreamJobs.Telemetry.Storage;

/// <summary>Calls from one service to another (Zipkin's <c>DependencyLink</c>).</summary>
/// <param name="Parent">The calling service, lower case.</param>
/// <param name="Child">The called service, lower case.</param>
/// <param name="CallCount">Calls seen.</param>
/// <param name="ErrorCount">Calls whose called span failed.</param>
public sealed record DependencyLink(string Parent, string Child, long CallCount, long ErrorCount);
