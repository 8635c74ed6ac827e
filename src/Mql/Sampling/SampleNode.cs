using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Sampling;

/// <summary>
/// SAMPLE: keeps a record when <c>hash % factor &lt; threshold</c>. STICKY hashes the salt then each key
/// value (a kind byte, then UTF-16 text or IEEE-754 bits, then a 0xFF separator) with FNV-1a 64, then avalanches it (MurmurHash3's finaliser).
/// </summary>
internal sealed class SampleNode<T>(MqlSample sample, IReadOnlyList<ValueNode<T>> keys, Random random) : BoolNode<T>
{
    private readonly ulong _saltHash = Fnv1a64.Append(Fnv1a64.OffsetBasis, sample.Salt);
    private readonly ulong _factor = (ulong)sample.Factor;
    private readonly ulong _threshold = (ulong)sample.Threshold;

    public override bool Evaluate(in T record)
    {
        if (sample.Strategy == MqlSampleStrategy.Random)
        {
            return (ulong)random.NextInt64(sample.Factor) < _threshold;
        }

        return Hash(record) % _factor < _threshold;
    }

    internal ulong Hash(in T record)
    {
        var hash = _saltHash;
        foreach (var key in keys)
        {
            var value = key.Evaluate(record);
            hash = Fnv1a64.AppendByte(hash, (byte)value.Kind);
            hash = value.Kind switch
            {
                MqlValueKind.Null => hash,
                MqlValueKind.Boolean => Fnv1a64.AppendByte(hash, value.Boolean ? (byte)1 : (byte)0),
                MqlValueKind.Number => Fnv1a64.Append(hash, (ulong)BitConverter.DoubleToInt64Bits(value.Number == 0 ? 0 : value.Number)),
                MqlValueKind.String => Fnv1a64.Append(hash, value.String),
                _ => Fnv1a64.Append(hash, value.ToString()),
            };
            hash = Fnv1a64.AppendByte(hash, 0xFF);
        }

        return Fnv1a64.Finish(hash);
    }
}
