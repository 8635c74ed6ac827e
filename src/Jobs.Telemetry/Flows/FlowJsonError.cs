namespace StreamJobs.Telemetry.Flows;

/// <summary>One problem found in a JSON flow batch.</summary>
/// <param name="Index">Zero-based index of the flow object in the batch, or -1 for the batch as a whole.</param>
/// <param name="Field">The JSON property at fault, or null when the problem is not one field.</param>
/// <param name="Message">What is wrong, for an operator.</param>
public readonly record struct FlowJsonError(int Index, string? Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Field is null ? $"flow {Index}: {Message}" : $"flow {Index}, field '{Field}': {Message}";
}
