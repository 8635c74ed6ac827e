using System.Text.Json;
using StreamJobs.Mql.Schema;

namespace StreamJobs.Mql;

/// <summary>Ready-made schemas.</summary>
public static class MqlSchema
{
    /// <summary>Schema for JSON records: paths navigate objects and arrays of each element as it comes.</summary>
    public static MqlSchema<JsonElement> Json { get; } = new JsonSchema();
}
