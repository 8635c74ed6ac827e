namespace StreamJobs.Kafka.Producer;

/// <summary>Where one record of a batch stands.</summary>
internal enum PendingState
{
    /// <summary>To be produced (again).</summary>
    Pending,

    /// <summary>Handed to the client, delivery report not yet back.</summary>
    InFlight,

    /// <summary>Kafka has it, or it was dead-lettered: its receipt is complete.</summary>
    Done,
}
