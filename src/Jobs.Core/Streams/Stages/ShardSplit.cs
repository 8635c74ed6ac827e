using Akka.Streams;
using Akka.Streams.Stage;

namespace StreamJobs.Streams.Stages;

/// <summary>
/// Splits each batch into one sub-batch per shard by a route (a shard, or <see cref="Flow.AllShards"/> for a record
/// every shard needs), order kept within each sub-batch. The next batch is pulled only once every sub-batch of this one
/// has gone to its shard: a slow shard backpressures the split, and no shard runs more than one batch ahead of the others.
/// </summary>
internal sealed class ShardSplit<T> : GraphStage<UniformFanOutShape<Batch<T>, Batch<T>>>
{
    private readonly Func<T, int, int> _route;

    public ShardSplit(Func<T, int, int> route, int shards, string name)
    {
        _route = route;
        Shape = new UniformFanOutShape<Batch<T>, Batch<T>>(shards, name);
    }

    public override UniformFanOutShape<Batch<T>, Batch<T>> Shape { get; }

    protected override GraphStageLogic CreateLogic(Akka.Streams.Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : GraphStageLogic
    {
        private readonly ShardSplit<T> _stage;
        private readonly Batch<T>[] _pending;
        private int _left;
        private bool _finishing;

        public Logic(ShardSplit<T> stage) : base(stage.Shape)
        {
            _stage = stage;
            var shape = stage.Shape;
            _pending = new Batch<T>[shape.Outlets.Count()];
            SetHandler(shape.In, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish, onUpstreamFailure: FailStage);
            for (var i = 0; i < _pending.Length; i++)
            {
                var shard = i;
                SetHandler(shape.Out(i), onPull: () => OnPull(shard), onDownstreamFinish: cause => FailStage(cause ?? new InvalidOperationException("A shard stopped.")));
            }
        }

        private Outlet<Batch<T>> Out(int shard) => _stage.Shape.Out(shard);

        public override void PreStart() => Pull(_stage.Shape.In);

        private void OnPush()
        {
            var batch = Grab(_stage.Shape.In);
            Split(batch.Span);
            batch.Return();
            for (var shard = 0; shard < _pending.Length; shard++)
            {
                if (_pending[shard].Count > 0 && IsAvailable(Out(shard))) Send(shard);
            }
            PullIfDone();
        }

        private void OnPull(int shard)
        {
            if (_pending[shard].Count > 0) Send(shard);
            PullIfDone();
        }

        private void Send(int shard)
        {
            Push(Out(shard), _pending[shard]);
            _pending[shard] = default;
            _left--;
        }

        private void PullIfDone()
        {
            if (_left > 0) return;
            if (_finishing) CompleteStage();
            else if (!HasBeenPulled(_stage.Shape.In)) Pull(_stage.Shape.In);
        }

        private void OnUpstreamFinish()
        {
            _finishing = true;
            if (_left == 0) CompleteStage();
        }

        /// <summary>Two passes: count per shard, then copy each record into its shard's new array, order kept.</summary>
        private void Split(ReadOnlySpan<T> records)
        {
            var shards = _pending.Length;
            Span<int> counts = shards <= 256 ? stackalloc int[shards] : new int[shards];
            Span<int> targets = records.Length <= 1024 ? stackalloc int[records.Length] : new int[records.Length];
            var everywhere = 0;
            for (var i = 0; i < records.Length; i++)
            {
                var shard = _stage._route(records[i], shards);
                if (shard == Flow.AllShards)
                {
                    everywhere++;
                }
                else if ((uint)shard >= (uint)shards)
                {
                    throw new InvalidOperationException($"The route sent a record to shard {shard} of {shards}.");
                }
                else
                {
                    counts[shard]++;
                }
                targets[i] = shard;
            }
            if (everywhere > 0)
            {
                for (var shard = 0; shard < shards; shard++) counts[shard] += everywhere;
            }
            var arrays = new T[shards][];
            for (var shard = 0; shard < shards; shard++)
            {
                if (counts[shard] > 0) arrays[shard] = new T[counts[shard]];
                counts[shard] = 0;
            }
            for (var i = 0; i < records.Length; i++)
            {
                var shard = targets[i];
                if (shard != Flow.AllShards)
                {
                    arrays[shard][counts[shard]++] = records[i];
                    continue;
                }
                for (var each = 0; each < shards; each++) arrays[each][counts[each]++] = records[i];
            }
            _left = 0;
            for (var shard = 0; shard < shards; shard++)
            {
                if (counts[shard] == 0) continue;
                _pending[shard] = new Batch<T>(arrays[shard], counts[shard]);
                _left++;
            }
        }
    }
}
