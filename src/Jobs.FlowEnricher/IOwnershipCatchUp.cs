namespace StreamJobs.FlowEnricher;

/// <summary>
/// Tells the enricher when its ownership input carries the shared history: with ownership events replayed from a
/// topic, a flow attributed before the table holds every earlier event could be given to an owner whose range a
/// not-yet-read event ends. Registered as a service by a host that feeds <c>ip-ownership</c> from such a topic;
/// without one the enricher starts attributing at once.
/// </summary>
internal interface IOwnershipCatchUp
{
    /// <summary>True once <paramref name="eventsSeen"/> events of the ownership input include the whole history as of the start.</summary>
    bool IsCaughtUp(long eventsSeen);
}
