namespace StreamJobs.TailSampler.Policies;

/// <summary>A case-insensitive pattern where <c>*</c> matches any run of characters (including none).</summary>
internal sealed class WildcardPattern(string pattern)
{
    public string Pattern { get; } = pattern;

    public bool IsMatch(string? text)
    {
        text ??= string.Empty;
        ReadOnlySpan<char> p = Pattern, t = text;
        int pi = 0, ti = 0, starP = -1, starT = 0;
        while (ti < t.Length)
        {
            if (pi < p.Length && p[pi] == '*')
            {
                starP = pi++;
                starT = ti;
            }
            else if (pi < p.Length && char.ToLowerInvariant(p[pi]) == char.ToLowerInvariant(t[ti]))
            {
                pi++;
                ti++;
            }
            else if (starP >= 0)
            {
                // Backtrack: let the last star swallow one more character.
                pi = starP + 1;
                ti = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
