namespace StreamJobs.Cassandra.Protocol;

/// <summary>The kind field that starts every RESULT body.</summary>
internal enum ResultKind
{
    Void = 1,
    Rows = 2,
    SetKeyspace = 3,
    Prepared = 4,
    SchemaChange = 5,
}
