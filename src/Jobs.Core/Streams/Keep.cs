namespace StreamJobs.Streams;

/// <summary>Combiners choosing which materialized value a composition keeps.</summary>
public static class Keep
{
    /// <summary>Keeps the upstream (left) value.</summary>
    public static TLeft Left<TLeft, TRight>(TLeft left, TRight right) => left;

    /// <summary>Keeps the downstream (right) value.</summary>
    public static TRight Right<TLeft, TRight>(TLeft left, TRight right) => right;

    /// <summary>Keeps both values.</summary>
    public static (TLeft, TRight) Both<TLeft, TRight>(TLeft left, TRight right) => (left, right);
}
