using System.Text.RegularExpressions;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// <c>left ==~ /pattern/</c>: a search (the pattern may match anywhere; anchor it with ^…$ for a full match).
/// Numbers and booleans are matched by their text. A match that times out counts as no match and is counted.
/// </summary>
internal sealed class RegexNode<T>(ValueNode<T> left, Regex regex, EvaluationCounters counters) : BoolNode<T>
{
    private readonly RegexTest _test = new(regex, counters);

    public override bool Evaluate(in T record) => left.Any(record, _test, default);

    private sealed class RegexTest(Regex regex, EvaluationCounters counters) : ValueTest
    {
        public override bool Test(in MqlValue value, in MqlValue argument)
        {
            if (value.Kind is not (MqlValueKind.String or MqlValueKind.Number or MqlValueKind.Boolean) || counters.SkipRegexes)
            {
                return false;
            }

            try
            {
                return value.Kind == MqlValueKind.String ? regex.IsMatch(value.String!) : regex.IsMatch(value.ToString());
            }
            catch (RegexMatchTimeoutException)
            {
                counters.AddRegexTimeout();
                return false;
            }
        }
    }
}
