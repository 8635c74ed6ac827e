namespace StreamJobs.NamedStreams;

/// <summary>A named stream the runner can end at a drain when no job publishes to it (a disabled or failed publisher).</summary>
internal interface IEndsUnpublished
{
    void EndIfUnpublished();
}
