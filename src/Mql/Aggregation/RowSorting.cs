using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Aggregation;

/// <summary>ORDER BY comparison: keys in turn, nulls last whatever the direction, unorderable kinds by kind.</summary>
internal static class RowSorting
{
    public static int Compare(MqlValue[] left, MqlValue[] right, Func<int, bool> descending)
    {
        for (var i = 0; i < left.Length; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a.IsNull || b.IsNull)
            {
                var nulls = a.IsNull.CompareTo(b.IsNull);
                if (nulls != 0)
                {
                    return nulls;
                }

                continue;
            }

            var order = ValueComparer.Order(a, b) ?? a.Kind.CompareTo(b.Kind);
            if (order != 0)
            {
                return descending(i) ? -order : order;
            }
        }

        return 0;
    }
}
