using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StreamJobs.Cassandra.Tests.Traces.Support;

/// <summary>A logger (and factory of itself) that keeps every line, for asserting what was logged.</summary>
internal sealed class CapturingLogger : ILogger, ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception)));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
