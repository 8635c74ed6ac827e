using StreamJobs.Jobs;
using StreamJobs.Streams;

namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>
/// Publishes labels named <c>"a"*40 + "!"</c> to <c>labels</c> at about 100 batches a second: the input that makes
/// <c>/^(a+)+$/</c> backtrack until its timeout.
/// </summary>
public sealed class BacktrackingLabelsJob : StreamJob
{
    public static readonly string Name = new string('a', 40) + "!";

    public override JobGraph Build(JobContext context)
    {
        long seq = 0;
        return Source.Generate<Label>(async (buffer, stopping) =>
        {
            await Task.Delay(10, stopping);
            for (var i = 0; i < buffer.Length; i++) buffer[i] = new Label(seq++, Name);
            return buffer.Length;
        }).To(context.Publish<Label>("labels"));
    }
}
