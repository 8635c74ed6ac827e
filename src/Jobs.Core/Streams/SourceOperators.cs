using Akka.Streams.Dsl;
using StreamJobs.Streams.Wiring;

namespace StreamJobs.Streams;

/// <summary>The operators of <see cref="FlowOperators"/>, on sources.</summary>
public static class SourceOperators
{
    /// <summary>Maps each record.</summary>
    public static Source<T, TMat> Select<TOut, TMat, T>(this Source<TOut, TMat> source, Func<TOut, T> selector) =>
        source.Via(Flow.Create<TOut>().Select(selector));

    /// <summary>Keeps the records matching <paramref name="predicate"/>.</summary>
    public static Source<TOut, TMat> Where<TOut, TMat>(this Source<TOut, TMat> source, Func<TOut, bool> predicate) =>
        source.Via(Flow.Create<TOut>().Where(predicate));

    /// <summary>Maps each record to any number of records.</summary>
    public static Source<T, TMat> SelectMany<TOut, TMat, T>(this Source<TOut, TMat> source, Func<TOut, IEnumerable<T>> selector) =>
        source.Via(Flow.Create<TOut>().SelectMany(selector));

    /// <summary>Runs a custom stateful stage (see <see cref="StageLogic{TIn,TOut}"/>).</summary>
    public static Source<T, TMat> Stateful<TOut, TMat, T>(this Source<TOut, TMat> source, Func<StageLogic<TOut, T>> logicFactory, string name = "stateful") =>
        source.Via(Flow.FromLogic(logicFactory, name));

    /// <summary>Inserts an async boundary after this source (see <see cref="FlowOperators.Async{TIn,TOut}"/>).</summary>
    public static Source<TOut, TMat> Async<TOut, TMat>(this Source<TOut, TMat> source, int? bufferBatches = null) =>
        source.Via(Flow.Create<TOut>().Async(bufferBatches));

    /// <summary>Also hands every batch to <paramref name="sink"/>.</summary>
    public static Source<TOut, TMat> AlsoTo<TOut, TMat, TSinkMat>(this Source<TOut, TMat> source, Sink<TOut, TSinkMat> sink) =>
        source.Via(Flow.Create<TOut>().AlsoTo(sink));

    /// <summary>Emits the records of this source and <paramref name="other"/> as they come, keeping this source's materialized value.</summary>
    public static Source<TOut, TMat> Merge<TOut, TMat, TOtherMat>(this Source<TOut, TMat> source, Source<TOut, TOtherMat> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new Source<TOut, TMat>((scope, attributes) =>
        {
            var (segment, value) = source.Build(scope, attributes.Upstream());
            var (second, _) = other.Build(scope, attributes.Upstream());
            var merged = SourceSegment<TOut>.Of(segment).Source.Merge(SourceSegment<TOut>.Of(second).Source);
            return (new SourceSegment<TOut>(merged), value);
        });
    }

    /// <summary>Runs this source, calling <paramref name="action"/> for each record; the task completes with the stream.</summary>
    public static Task RunForEach<TOut, TMat>(this Source<TOut, TMat> source, Action<TOut> action, Materializer materializer) =>
        source.RunWith(Sink.ForEach(action), materializer);

    /// <summary>Runs an Akka.Streams flow over single records (see <see cref="Flow.FromAkkaRecords"/>).</summary>
    public static Source<T, TMat> ViaRecords<TOut, TMat, T, TAkkaMat>(this Source<TOut, TMat> source, Akka.Streams.IGraph<Akka.Streams.FlowShape<TOut, T>, TAkkaMat> records) =>
        source.Via(Flow.FromAkkaRecords(records));
}
