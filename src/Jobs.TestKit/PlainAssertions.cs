using System.Globalization;
using Akka.TestKit;

namespace StreamJobs.TestKit;

/// <summary>The assertions Akka's test kit reports through, without a test framework: a failure throws <see cref="ProbeAssertionException"/>.</summary>
internal sealed class PlainAssertions : ITestKitAssertions
{
    public void Fail(string format = "", params object[] args) => throw new ProbeAssertionException(Message(format, args, "Probe assertion failed."));

    public void AssertTrue(bool condition, string format = "", params object[] args)
    {
        if (!condition) throw new ProbeAssertionException(Message(format, args, "Expected true."));
    }

    public void AssertFalse(bool condition, string format = "", params object[] args)
    {
        if (condition) throw new ProbeAssertionException(Message(format, args, "Expected false."));
    }

    public void AssertEqual<T>(T expected, T actual, string format = "", params object[] args) =>
        AssertEqual(expected, actual, EqualityComparer<T>.Default.Equals, format, args);

    public void AssertEqual<T>(T expected, T actual, Func<T, T, bool> comparer, string format = "", params object[] args)
    {
        if (!comparer(expected, actual))
            throw new ProbeAssertionException($"{Message(format, args, "Values differ.")} Expected: {expected}; actual: {actual}.");
    }

    public Exception AssertThrows(Action action) => AssertThrows<Exception>(action);

    public TException AssertThrows<TException>(Action action)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException e)
        {
            return e;
        }
        throw new ProbeAssertionException($"Expected {typeof(TException).Name}; nothing was thrown.");
    }

    public async Task<Exception> AssertThrowsAsync(Func<Task> action) => await AssertThrowsAsync<Exception>(action).ConfigureAwait(false);

    public async Task<TException> AssertThrowsAsync<TException>(Func<Task> action)
        where TException : Exception
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (TException e)
        {
            return e;
        }
        throw new ProbeAssertionException($"Expected {typeof(TException).Name}; nothing was thrown.");
    }

    private static string Message(string format, object[]? args, string fallback)
    {
        if (string.IsNullOrEmpty(format)) return fallback;
        return args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format;
    }
}
