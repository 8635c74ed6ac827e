namespace EdgeThroughput;

/// <summary>One edge (the remote application of a flow: an ISP, an edge appliance) over one window.</summary>
public sealed record EdgeThroughputReport(string Edge, DateTimeOffset WindowStart, long Flows, double BytesPerSecond, double RetransmitRate);
