using System.Globalization;

namespace StreamJobs.Cassandra;

/// <summary>A Cassandra release version such as <c>2.1.0</c>, <c>3.11.10</c> or <c>5.0-beta1</c> (the suffix is kept, not compared).</summary>
public sealed record ServerVersion(int Major, int Minor, int Patch, string Suffix = "") : IComparable<ServerVersion>
{
    /// <summary>Parses <c>system.local.release_version</c>.</summary>
    /// <exception cref="FormatException">Not a version.</exception>
    public static ServerVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a Cassandra version (expected e.g. 4.0.11).");

    /// <summary>Parses a version; false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out ServerVersion version)
    {
        version = new ServerVersion(0, 0, 0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string core = text.Trim();
        string suffix = string.Empty;
        int dash = core.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            suffix = core[(dash + 1)..];
            core = core[..dash];
        }

        string[] parts = core.Split('.');
        if (parts.Length is < 2 or > 4)
        {
            return false;
        }

        var numbers = new int[3];
        for (int i = 0; i < Math.Min(parts.Length, 3); i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new ServerVersion(numbers[0], numbers[1], numbers[2], suffix);
        return true;
    }

    /// <summary>Orders by major, minor, patch.</summary>
    public int CompareTo(ServerVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }

        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    /// <summary>Whether this version is at least <paramref name="major"/>.<paramref name="minor"/>.<paramref name="patch"/>.</summary>
    public bool AtLeast(int major, int minor, int patch = 0) => CompareTo(new ServerVersion(major, minor, patch)) >= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <(ServerVersion left, ServerVersion right) => left.CompareTo(right) < 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >(ServerVersion left, ServerVersion right) => left.CompareTo(right) > 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <=(ServerVersion left, ServerVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >=(ServerVersion left, ServerVersion right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Suffix.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{Suffix}";
}
