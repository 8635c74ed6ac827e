using StreamJobs.Mql;

namespace StreamJobs.Host.Tests.Taps.Support;

public static class ReadingSchema
{
    public static MqlSchema<Reading> Instance { get; } = MqlSchema<Reading>.Build(b => b
        .Property("seq", r => r.Seq)
        .Property("kind", r => r.Kind)
        .Property("value", r => r.Value));
}
