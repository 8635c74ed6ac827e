namespace StreamJobs.Host.Taps;

/// <summary>One record type's MQL schema, as registered in DI by whoever publishes that type.</summary>
/// <param name="RecordType">The record type of a named stream.</param>
/// <param name="Schema">An <c>MqlSchema&lt;RecordType&gt;</c>.</param>
internal sealed record MqlSchemaRegistration(Type RecordType, object Schema);
