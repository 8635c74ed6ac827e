namespace StreamJobs.Mql;

/// <summary>The kind of value an <see cref="MqlValue"/> holds.</summary>
public enum MqlValueKind : byte
{
    /// <summary>No value: a missing property or an explicit null.</summary>
    Null,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A number (stored as a double).</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>A JSON object or array taken from a <see cref="System.Text.Json.JsonElement"/>.</summary>
    Json,

    /// <summary>A structured value from a typed record (a nested object, a list or a map).</summary>
    Structured,
}
