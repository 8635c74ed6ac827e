namespace StreamJobs.Jobs;

/// <summary>
/// A job with parameters: a plain class bound from configuration (<c>StreamJobs:Jobs:&lt;job&gt;</c>), validated with
/// data annotations before the job starts, and listed with their descriptions by <c>streamjobs jobs</c>.
/// </summary>
/// <typeparam name="TParameters">The parameters class.</typeparam>
public abstract class StreamJob<TParameters> : StreamJob
    where TParameters : class, new()
{
    /// <inheritdoc />
    public sealed override JobGraph Build(JobContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Build(context, context.Parameters as TParameters ?? new TParameters());
    }

    /// <summary>Builds the job's graph with its validated <paramref name="parameters"/>.</summary>
    protected abstract JobGraph Build(JobContext context, TParameters parameters);
}
