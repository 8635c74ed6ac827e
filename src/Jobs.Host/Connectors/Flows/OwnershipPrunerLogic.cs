using Microsoft.Extensions.Logging;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Streams;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// Takes the ownership history as read from the topic and, every interval, emits the keys of superseded events, at most
/// <see cref="OwnershipPrunerParameters.MaxTombstonesPerInterval"/> at a time: the pruner subscribes to the enricher's
/// input, so a long burst of tombstones to a slow broker would hold that input back.
/// </summary>
internal sealed class OwnershipPrunerLogic(OwnershipPrunerParameters parameters) : StageLogic<OwnershipEvent, string>
{
    private readonly SupersededOwnershipEvents _events = new();
    private readonly List<OwnershipEvent> _superseded = [];

    public override TimeSpan? TimerInterval => parameters.Interval;

    public override void OnRecord(OwnershipEvent record, Emitter<string> output) => _events.Add(record);

    public override void OnTimer(DateTimeOffset now, Emitter<string> output)
    {
        if (_events.Collect((now - parameters.Horizon).ToUnixTimeMilliseconds(), _superseded, parameters.MaxTombstonesPerInterval) == 0) return;
        foreach (var superseded in _superseded) output.Emit(OwnershipEventSerde.KeyOf(superseded));
        Context.Logger.LogInformation("Tombstoning {Events} superseded ownership events; {Tracked} remain", _superseded.Count, _events.Count);
        _superseded.Clear();
    }
}
