using System.Reflection;
using System.Text.Json;
using StreamJobs.Mql;
using StreamJobs.NamedStreams;

namespace StreamJobs.Host.Taps;

/// <summary>Binds a parsed query to a stream of any record type: typed schema when registered, JSON otherwise.</summary>
internal static class TapSessionFactory
{
    private static readonly MethodInfo CreateTyped = typeof(TapSessionFactory).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A session evaluated on <paramref name="workers"/>, its regexes timing out after <paramref name="regexTimeout"/>.</summary>
    public static ITapSession Create(INamedStream stream, MqlQuery query, MqlSchemaRegistry schemas, TapWorkers workers, TapMetrics? metrics, TimeSpan regexTimeout) =>
        (ITapSession)CreateTyped.MakeGenericMethod(stream.RecordType)
            .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [stream, query, schemas.Find(stream.RecordType), workers, metrics, regexTimeout], null)!;

    private static ITapSession Create<T>(NamedStream<T> stream, MqlQuery query, object? schema, TapWorkers workers, TapMetrics? metrics, TimeSpan regexTimeout)
    {
        // Linear-time regexes, never Reflection.Emit per request; a long term list can be abandoned part-way.
        var stop = new TapStop();
        var options = new MqlCompileOptions { RegexTimeout = regexTimeout, NonBacktrackingRegexes = true, SkipRegexes = stop.ShouldSkip };
        return schema is MqlSchema<T> typed
            ? new TapSession<T, T>(stream, query.Compile(typed, options), static r => r, "typed", workers, metrics, stop)
            : new TapSession<T, JsonElement>(stream, query.Compile(MqlSchema.Json, options), JsonFallback.Convert, "json", workers, metrics, stop);
    }
}
