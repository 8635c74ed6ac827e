using System.Buffers;
using System.Numerics;

namespace StreamJobs.FlowEnricher.Windows;

/// <summary>
/// RTT samples of one (window, app pair): exact (pooled array) up to a limit, then a log-linear histogram with 64
/// sub-buckets per power of two (values below 128 exact; relative error under 1/64). Percentiles use nearest rank.
/// A struct held inline in its pair's entry (the default is empty); use it through a reference.
/// </summary>
internal struct RttDigest
{
    private const int SubBits = 6;
    private const int LinearLimit = 128;
    private const int BucketCount = LinearLimit + ((32 - 7) * (1 << SubBits));

    private uint[]? _samples;
    private int[]? _buckets;

    public long Count { get; private set; }

    public readonly bool IsExact => _buckets is null;

    /// <summary>Adds a sample; exact while fewer than <paramref name="exactLimit"/> (the same on every call) were added.</summary>
    public void Add(uint value, int exactLimit)
    {
        if (_buckets is not null)
        {
            _buckets[BucketOf(value)]++;
        }
        else if (Count < exactLimit)
        {
            if (_samples is null || Count == _samples.Length)
            {
                Grow(exactLimit);
            }

            _samples![Count] = value;
        }
        else
        {
            SwitchToHistogram();
            _buckets![BucketOf(value)]++;
        }

        Count++;
    }

    private void Grow(int exactLimit)
    {
        var grown = ArrayPool<uint>.Shared.Rent(_samples is null ? 16 : Math.Min(_samples.Length * 2, exactLimit));
        if (_samples is not null)
        {
            _samples.AsSpan(0, (int)Count).CopyTo(grown);
            ArrayPool<uint>.Shared.Return(_samples);
        }

        _samples = grown;
    }

    private void SwitchToHistogram()
    {
        _buckets = ArrayPool<int>.Shared.Rent(BucketCount);
        Array.Clear(_buckets, 0, BucketCount);
        for (int i = 0; i < Count; i++)
        {
            _buckets[BucketOf(_samples![i])]++;
        }

        if (_samples is not null)
        {
            ArrayPool<uint>.Shared.Return(_samples);
            _samples = null;
        }
    }

    internal static int BucketOf(uint value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        int exponent = 31 - BitOperations.LeadingZeroCount(value);
        int sub = (int)(value >> (exponent - SubBits)) & ((1 << SubBits) - 1);
        return LinearLimit + ((exponent - 7) * (1 << SubBits)) + sub;
    }

    internal static uint MidpointOf(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return (uint)bucket;
        }

        int exponent = ((bucket - LinearLimit) >> SubBits) + 7;
        int sub = (bucket - LinearLimit) & ((1 << SubBits) - 1);
        ulong low = (1UL << exponent) + ((ulong)sub << (exponent - SubBits));
        ulong width = 1UL << (exponent - SubBits);
        return (uint)Math.Min(uint.MaxValue, low + (width / 2));
    }

    /// <summary>Computes p50/p90/p99 (nearest rank); sorts the exact samples in place.</summary>
    public (uint P50, uint P90, uint P99) Percentiles()
    {
        if (Count == 0)
        {
            return (0, 0, 0);
        }

        if (_buckets is null)
        {
            var samples = _samples.AsSpan(0, (int)Count);
            samples.Sort();
            return (samples[Rank(0.50) - 1], samples[Rank(0.90) - 1], samples[Rank(0.99) - 1]);
        }

        return (FromHistogram(Rank(0.50)), FromHistogram(Rank(0.90)), FromHistogram(Rank(0.99)));
    }

    private readonly int Rank(double quantile) => (int)Math.Max(1, Math.Ceiling(quantile * Count));

    private readonly uint FromHistogram(long rank)
    {
        long seen = 0;
        for (int b = 0; b < BucketCount; b++)
        {
            seen += _buckets![b];
            if (seen >= rank)
            {
                return MidpointOf(b);
            }
        }

        return uint.MaxValue;
    }

    /// <summary>Samples arrays up to this length are kept by <see cref="Reset"/> for the next pair; longer ones go back to the pool.</summary>
    internal const int KeptSamples = 256;

    /// <summary>
    /// Empties the digest for another pair, keeping a small sample array: the shared pool keeps only a few arrays per
    /// size, so a window's thousands of pairs returning theirs at close and renting again in the next window allocated them anew.
    /// </summary>
    public void Reset()
    {
        if (_samples is { Length: > KeptSamples })
        {
            ArrayPool<uint>.Shared.Return(_samples);
            _samples = null;
        }

        if (_buckets is not null)
        {
            ArrayPool<int>.Shared.Return(_buckets);
            _buckets = null;
        }

        Count = 0;
    }

    /// <summary>Returns pooled arrays; the digest is empty afterwards.</summary>
    public void Release()
    {
        if (_samples is not null)
        {
            ArrayPool<uint>.Shared.Return(_samples);
            _samples = null;
        }

        Reset();
    }
}
