using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Tests.Ownership;

public sealed class OwnershipIndexTests
{
    [Fact]
    public void Random_adds_and_removes_agree_with_a_dictionary()
    {
        var index = new OwnershipIndex();
        var expected = new Dictionary<IpAddress, IpHistory>();
        var random = new Random(7);
        for (int step = 0; step < 50_000; step++)
        {
            // A small key space so removals, re-adds and tombstone reuse all happen often.
            var ip = random.Next(4) == 0
                ? new IpAddress(0xfd00UL << 48, (ulong)random.Next(3_000))
                : IpAddress.FromV4((uint)random.Next(3_000));
            int slot = index.Find(ip);
            Assert.Equal(expected.ContainsKey(ip), slot >= 0);
            if (slot >= 0)
            {
                Assert.Same(expected[ip], index[slot].History);
                if (random.Next(2) == 0)
                {
                    index.RemoveAt(slot);
                    expected.Remove(ip);
                }
            }
            else
            {
                var history = new IpHistory();
                slot = index.Add(ip, history);
                Assert.Equal(ip, index[slot].Key);
                expected.Add(ip, history);
            }

            if (step % 10_000 == 9_999)
            {
                index.Trim();
            }
        }

        Assert.Equal(expected.Count, index.Count);
        int occupied = 0;
        for (int slot = 0; slot < index.Capacity; slot++)
        {
            if (index.IsOccupied(slot))
            {
                occupied++;
                Assert.Same(expected[index[slot].Key], index[slot].History);
            }
        }

        Assert.Equal(expected.Count, occupied);
    }

    [Fact]
    public void Trim_shrinks_after_mass_removal_and_keeps_the_rest()
    {
        var index = new OwnershipIndex();
        for (uint i = 0; i < 10_000; i++)
        {
            index.Add(IpAddress.FromV4(i), new IpHistory());
        }

        int full = index.Capacity;
        for (uint i = 1; i < 10_000; i++)
        {
            index.RemoveAt(index.Find(IpAddress.FromV4(i)));
        }

        index.Trim();
        Assert.True(index.Capacity <= 16 && full >= 10_000, $"capacity {index.Capacity} (was {full})");
        Assert.True(index.Find(IpAddress.FromV4(0)) >= 0);
        Assert.Equal(-1, index.Find(IpAddress.FromV4(1)));
    }
}
