using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Members that are plumbing, not data, so a tap never shows them: receipts and the rest of
/// <c>StreamJobs.Acknowledgement</c> (a record's claim on its source), delegates, reflection types, cancellation tokens
/// and tasks (some of which also throw or recurse when serialized).
/// </summary>
internal static class TapInternals
{
    private const string AcknowledgementNamespace = "StreamJobs.Acknowledgement";

    public static bool IsInternal(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.Namespace == AcknowledgementNamespace
            || typeof(Delegate).IsAssignableFrom(underlying)
            || typeof(MemberInfo).IsAssignableFrom(underlying)
            || underlying == typeof(CancellationToken)
            || typeof(Task).IsAssignableFrom(underlying);
    }

    /// <summary>A System.Text.Json contract modifier that drops internal members from every type it describes.</summary>
    public static void RemoveFrom(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (IsInternal(typeInfo.Properties[i].PropertyType)) typeInfo.Properties.RemoveAt(i);
        }
    }
}
