namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>The block that matched in a <see cref="CidrTable"/>.</summary>
/// <param name="Owner">Who owns the whole block.</param>
/// <param name="PrefixLength">Prefix length in the 128-bit space (an IPv4 /n is 96 + n).</param>
/// <param name="Authoritative">True when the block holds no individually tracked IPs, so it applies without waiting.</param>
public readonly record struct CidrMatch(string Owner, int PrefixLength, bool Authoritative);
