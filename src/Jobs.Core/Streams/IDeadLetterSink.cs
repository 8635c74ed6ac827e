namespace StreamJobs.Streams;

/// <summary>Receives dead letters. Called on the stage's own task: keep it quick and never throw.</summary>
public interface IDeadLetterSink
{
    /// <summary>Takes one dead letter.</summary>
    void Publish(DeadLetter letter);
}
