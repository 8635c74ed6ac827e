namespace StreamJobs.FlowEnricher.Ownership;

internal sealed partial class IpHistory
{
    /// <summary>
    /// Records that <paramref name="workload"/> owned the IP during [first, last]. Ranges of the same workload closer
    /// than <paramref name="gap"/> glue together unless another workload was seen in between. Returns true when the
    /// ranges changed; <paramref name="conflict"/> tells that another workload's range overlapped (the new evidence is
    /// dropped and the old range is cut so neither is claimed for the contested interval).
    /// </summary>
    public bool AddBeat(string workload, long first, long last, long gap, int maxBeats, out bool conflict)
    {
        conflict = false;
        if (_beatCount > 0)
        {
            ref var newest = ref _beats[_beatCount - 1];
            if (first > newest.Last && (first > newest.Last + gap || !Same(newest.Workload, workload)))
            {
                Append(new Beat(workload, first, last), maxBeats);
                return true;
            }

            if (first >= newest.First && Same(newest.Workload, workload))
            {
                if (last <= newest.Last)
                {
                    return false;
                }

                newest = newest with { Last = last };
                return true;
            }
        }
        else
        {
            Append(new Beat(workload, first, last), maxBeats);
            return true;
        }

        return AddBeatSlow(workload, first, last, gap, out conflict);
    }

    /// <summary>Moves the newest heartbeat range's end to <paramref name="last"/> (an extension the index entry took alone).</summary>
    public void ExtendNewestBeat(long last)
    {
        ref var newest = ref _beats[_beatCount - 1];
        newest = newest with { Last = last };
    }

    private void Append(Beat beat, int maxBeats)
    {
        Insert(ref _beats, ref _beatCount, _beatCount, beat);
        if (_beatCount > maxBeats)
        {
            RemoveAt(_beats, ref _beatCount, 0, 1);
        }
    }

    private bool AddBeatSlow(string workload, long first, long last, long gap, out bool conflict)
    {
        conflict = false;
        int lo = 0;
        while (lo < _beatCount && _beats[lo].Last < first - gap)
        {
            lo++;
        }

        for (int k = lo; k < _beatCount && _beats[k].First <= last; k++)
        {
            var other = _beats[k];
            if (!Same(other.Workload, workload) && other.Last >= first)
            {
                conflict = true;
                Splice(k, k + 1, CutAround(other, first, last));
                return true;
            }
        }

        int replaceStart = lo;
        int i = lo;
        long f = first, l = last;
        for (; i < _beatCount && _beats[i].Last < first; i++)
        {
            if (!Same(_beats[i].Workload, workload))
            {
                replaceStart = i + 1;
                f = first;
            }
            else if (i == replaceStart)
            {
                f = Math.Min(f, _beats[i].First);
            }
        }

        for (; i < _beatCount && _beats[i].First <= last; i++)
        {
            f = Math.Min(f, _beats[i].First);
            l = Math.Max(l, _beats[i].Last);
        }

        for (; i < _beatCount && _beats[i].First <= l + gap && Same(_beats[i].Workload, workload); i++)
        {
            l = Math.Max(l, _beats[i].Last);
        }

        var merged = new Beat(workload, f, l);
        if (i - replaceStart == 1 && _beats[replaceStart] == merged)
        {
            return false;
        }

        Span<Beat> one = [merged];
        Splice(replaceStart, i, one);
        return true;
    }

    private static Span<Beat> CutAround(Beat other, long first, long last)
    {
        var parts = new Beat[2];
        int n = 0;
        if (other.First < first)
        {
            parts[n++] = other with { Last = first - 1 };
        }

        if (other.Last > last)
        {
            parts[n++] = other with { First = last + 1 };
        }

        return parts.AsSpan(0, n);
    }

    private void Splice(int start, int end, ReadOnlySpan<Beat> replacement)
    {
        int newCount = _beatCount - (end - start) + replacement.Length;
        if (newCount > _beats.Length)
        {
            Array.Resize(ref _beats, Math.Max(newCount, _beats.Length * 2));
        }

        Array.Copy(_beats, end, _beats, start + replacement.Length, _beatCount - end);
        replacement.CopyTo(_beats.AsSpan(start));
        if (newCount < _beatCount)
        {
            Array.Clear(_beats, newCount, _beatCount - newCount);
        }

        _beatCount = newCount;
    }
}
