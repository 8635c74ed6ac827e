using StreamJobs.Acknowledgement;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>A flow with both ends attributed to the application that owned each IP at the flow's start.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="LocalApp">Owner of the local IP, or null when unknown.</param>
/// <param name="RemoteApp">Owner of the remote IP, or null when unknown.</param>
/// <param name="LocalSource">How the local end was attributed.</param>
/// <param name="RemoteSource">How the remote end was attributed.</param>
/// <param name="Waited">True when the flow waited for ownership evidence before it was emitted.</param>
public readonly record struct EnrichedFlow(
    FlowRecord Flow,
    string? LocalApp,
    string? RemoteApp,
    AttributionSource LocalSource,
    AttributionSource RemoteSource,
    bool Waited) : IHasReceipts
{
    /// <summary>Retains the flow's receipt.</summary>
    void IHasReceipts.RetainReceipts(int count) => Flow.Receipt.Retain(count);

    /// <summary>Completes the flow's receipt.</summary>
    void IHasReceipts.CompleteReceipts() => Flow.Receipt.Complete();
}
