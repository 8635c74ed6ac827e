using Microsoft.Extensions.Logging;

namespace StreamJobs.Streams.Stages;

internal static partial class LoggerExtensions
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Completing a stage failed")]
    public static partial void LogCompletionFailure(this ILogger logger, Exception error);
}
