namespace StreamJobs.Streams;

/// <summary>
/// The push side of a stage's input port. Awaiting <see cref="OnNextAsync"/> is the backpressure:
/// a producer never has more than one batch in flight into a consumer.
/// </summary>
internal interface IBatchConsumer<T>
{
    /// <summary>Hands over a batch that is valid only for the duration of the call. Throws when downstream has failed or was cancelled.</summary>
    ValueTask OnNextAsync(Batch<T> batch);

    /// <summary>Signals the end of the stream (null) or its failure. Idempotent: only the first call counts.</summary>
    ValueTask OnCompleteAsync(Exception? error);
}
