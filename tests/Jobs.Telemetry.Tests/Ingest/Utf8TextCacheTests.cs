using System.Text;
using StreamJobs.Telemetry.Ingest;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Ingest;

public sealed class Utf8TextCacheTests
{
    [Fact]
    public void The_same_bytes_give_the_same_instance()
    {
        var cache = new Utf8TextCache(64);

        Assert.True(cache.TryGet("orders"u8, out var first));
        Assert.True(cache.TryGet("orders"u8.ToArray(), out var second));

        Assert.Equal("orders", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Colliding_text_evicts_but_every_answer_stays_right()
    {
        var cache = new Utf8TextCache(1);
        var words = new[] { "a", "bb", "ccc", "é€", "a" };

        foreach (var word in words)
        {
            Assert.True(cache.TryGet(Encoding.UTF8.GetBytes(word), out var text));
            Assert.Equal(word, text);
        }
    }

    [Fact]
    public void Invalid_utf8_is_refused_and_never_cached()
    {
        var cache = new Utf8TextCache(1);
        byte[] broken = [0x61, 0xC3];

        Assert.False(cache.TryGet(broken, out var text));
        Assert.Equal(string.Empty, text);
        Assert.False(cache.TryGet(broken, out _));
    }

    [Fact]
    public void Threads_sharing_a_small_cache_always_read_their_own_text()
    {
        var cache = new Utf8TextCache(4);
        var words = Enumerable.Range(0, 64).Select(i => "name-" + i).ToArray();
        var wrong = 0;

        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var word = words[(i * 7 + worker) % words.Length];
                if (!cache.TryGet(Encoding.UTF8.GetBytes(word), out var text) || text != word) Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Size_must_be_a_power_of_two() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8TextCache(3));
}
