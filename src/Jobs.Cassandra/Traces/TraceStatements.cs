namespace StreamJobs.Cassandra.Traces;

/// <summary>The store's prepared statements, all idempotent, with the configured consistency.</summary>
internal sealed class TraceStatements
{
    public required PreparedStatement InsertSpan { get; init; }
    public required PreparedStatement InsertLookup { get; init; }
    public required PreparedStatement UpdatePolicy { get; init; }
    public required PreparedStatement InsertSpanName { get; init; }
    public required PreparedStatement InsertRemoteService { get; init; }
    public required PreparedStatement InsertLink { get; init; }
    public required PreparedStatement SelectSpans { get; init; }
    public required PreparedStatement SelectLookup { get; init; }
    public required PreparedStatement SelectServices { get; init; }
    public required PreparedStatement SelectSpanNames { get; init; }
    public required PreparedStatement SelectRemoteServices { get; init; }
    public required PreparedStatement SelectLinks { get; init; }

    public static async Task<TraceStatements> PrepareAsync(ISession session, TraceStoreOptions o, CancellationToken cancellationToken)
    {
        async Task<PreparedStatement> Prepare(string cql)
        {
            PreparedStatement statement = (await session.PrepareAsync(cql, cancellationToken).ConfigureAwait(false)).SetIdempotence(true);
            if (o.Consistency is { } consistency)
            {
                statement.SetConsistencyLevel(consistency);
            }

            return statement;
        }

        return new TraceStatements
        {
            InsertSpan = await Prepare(TraceSchema.InsertSpan(o)).ConfigureAwait(false),
            InsertLookup = await Prepare(TraceSchema.InsertLookup(o)).ConfigureAwait(false),
            UpdatePolicy = await Prepare(TraceSchema.UpdatePolicy(o)).ConfigureAwait(false),
            InsertSpanName = await Prepare(TraceSchema.InsertSpanName(o)).ConfigureAwait(false),
            InsertRemoteService = await Prepare(TraceSchema.InsertRemoteService(o)).ConfigureAwait(false),
            InsertLink = await Prepare(TraceSchema.InsertLink(o)).ConfigureAwait(false),
            SelectSpans = await Prepare(TraceSchema.SelectSpans(o)).ConfigureAwait(false),
            SelectLookup = await Prepare(TraceSchema.SelectLookup(o)).ConfigureAwait(false),
            SelectServices = await Prepare(TraceSchema.SelectServices(o)).ConfigureAwait(false),
            SelectSpanNames = await Prepare(TraceSchema.SelectSpanNames(o)).ConfigureAwait(false),
            SelectRemoteServices = await Prepare(TraceSchema.SelectRemoteServices(o)).ConfigureAwait(false),
            SelectLinks = await Prepare(TraceSchema.SelectLinks(o)).ConfigureAwait(false),
        };
    }
}
