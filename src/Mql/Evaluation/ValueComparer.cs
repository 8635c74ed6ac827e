using System.Text.Json;
using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// Comparison semantics. Numbers compare numerically, and a string that parses as a number compares
/// with a number as that number (JSON producers often quote numbers). Strings compare ordinally.
/// Null equals only null and is neither less nor greater than anything. Mismatched kinds are unequal.
/// </summary>
internal static class ValueComparer
{
    public static bool Compare(in MqlValue left, ComparisonOperator op, in MqlValue right) => op switch
    {
        ComparisonOperator.Equal => AreEqual(left, right),
        ComparisonOperator.NotEqual => !AreEqual(left, right),
        ComparisonOperator.Contains => Contains(left, right),
        _ => Order(left, right) is { } order && op switch
        {
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        },
    };

    public static bool AreEqual(in MqlValue left, in MqlValue right)
    {
        if (left.Kind == right.Kind)
        {
            return left.Kind switch
            {
                MqlValueKind.Number => left.Number == right.Number,
                MqlValueKind.String => string.Equals(left.String, right.String, StringComparison.Ordinal),
                _ => left.Equals(right),
            };
        }

        if (left.IsNull || right.IsNull)
        {
            return false;
        }

        return Order(left, right) == 0;
    }

    /// <summary>Sign of left minus right, or null when the two cannot be ordered.</summary>
    public static int? Order(in MqlValue left, in MqlValue right)
    {
        if (left.Kind == MqlValueKind.String && right.Kind == MqlValueKind.String)
        {
            return Math.Sign(string.CompareOrdinal(left.String, right.String));
        }

        if ((left.Kind == MqlValueKind.Number || right.Kind == MqlValueKind.Number)
            && left.TryGetNumber(out var l) && right.TryGetNumber(out var r))
        {
            return l < r ? -1 : l > r ? 1 : l == r ? 0 : null;
        }

        if (left.Kind == MqlValueKind.Boolean && right.Kind == MqlValueKind.Boolean)
        {
            return left.Boolean.CompareTo(right.Boolean);
        }

        return null;
    }

    /// <summary><c>==+</c>: substring for strings, element membership for arrays, key presence for objects.</summary>
    public static bool Contains(in MqlValue container, in MqlValue item)
    {
        switch (container.Kind)
        {
            case MqlValueKind.String when item.Kind != MqlValueKind.Null:
                return container.String!.Contains(item.ToString(), StringComparison.Ordinal);
            case MqlValueKind.Json when container.Json.ValueKind == JsonValueKind.Array:
                foreach (var element in container.Json.EnumerateArray())
                {
                    if (AreEqual(MqlValue.FromJson(element), item))
                    {
                        return true;
                    }
                }

                return false;
            case MqlValueKind.Json when item.Kind == MqlValueKind.String:
                return container.Json.TryGetProperty(item.String!, out _);
            default:
                return false;
        }
    }
}
