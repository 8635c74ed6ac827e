namespace StreamJobs.NamedStreams;

/// <summary>What any named stream tells about itself, whatever its record type.</summary>
public interface INamedStream
{
    /// <summary>The stream's name, e.g. <c>traces</c>.</summary>
    string Name { get; }

    /// <summary>The type of its records.</summary>
    Type RecordType { get; }

    /// <summary>Records published so far.</summary>
    long Published { get; }

    /// <summary>Subscribed jobs (which backpressure the publishers).</summary>
    int Subscribers { get; }

    /// <summary>Open taps (which never backpressure).</summary>
    int Taps { get; }

    /// <summary>Records taps have lost because they could not keep up.</summary>
    long TapDropped { get; }
}
