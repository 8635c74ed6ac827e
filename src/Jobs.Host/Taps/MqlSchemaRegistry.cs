using StreamJobs.Mql;

namespace StreamJobs.Host.Taps;

/// <summary>
/// The MQL schemas of the record types this host publishes. Types without one are queried through the JSON
/// fallback: each record is serialized with System.Text.Json and queried as <see cref="MqlSchema.Json"/>.
/// </summary>
internal sealed class MqlSchemaRegistry
{
    private readonly Dictionary<Type, object> _schemas = [];

    public MqlSchemaRegistry(IEnumerable<MqlSchemaRegistration> registrations)
    {
        foreach (var registration in registrations) _schemas[registration.RecordType] = registration.Schema; // the last wins
    }

    /// <summary>The typed schema for <paramref name="recordType"/> (an <c>MqlSchema&lt;T&gt;</c>), or null for the JSON fallback.</summary>
    public object? Find(Type recordType) => _schemas.GetValueOrDefault(recordType);

    /// <summary>The record shape shown to tap users: the schema's properties, or the type's public data properties for JSON.</summary>
    public IReadOnlyList<string> Shape(Type recordType)
    {
        if (Find(recordType) is { } schema)
        {
            var properties = (IReadOnlyList<MqlPropertyInfo>)schema.GetType().GetProperty(nameof(MqlSchema<int>.Properties))!.GetValue(schema)!;
            return properties.Select(p => p.ToString()).ToArray();
        }
        return recordType.GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && !TapInternals.IsInternal(p.PropertyType))
            .Select(p => JsonFallback.Options.PropertyNamingPolicy!.ConvertName(p.Name) + ": json")
            .ToArray();
    }
}
