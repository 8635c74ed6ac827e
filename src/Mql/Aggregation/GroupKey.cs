namespace StreamJobs.Mql.Aggregation;

/// <summary>The GROUP BY values of a group; equality by value so it can key a dictionary.</summary>
internal readonly struct GroupKey(MqlValue[] values) : IEquatable<GroupKey>
{
    public MqlValue[] Values { get; } = values;

    public bool Equals(GroupKey other)
    {
        if (Values.Length != other.Values.Length)
        {
            return false;
        }

        for (var i = 0; i < Values.Length; i++)
        {
            if (!Values[i].Equals(other.Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
