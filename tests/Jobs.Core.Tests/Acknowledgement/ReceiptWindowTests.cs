using StreamJobs.Acknowledgement;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class ReceiptWindowTests
{
    [Fact]
    public void Out_of_order_completion_commits_up_to_the_lowest_incomplete_position()
    {
        var window = new ReceiptWindow(128);
        var receipts = IssueRange(window, 100, 10);

        receipts[3].Complete();
        receipts[1].Complete();
        Assert.Equal(100, window.Committable);

        receipts[0].Complete();
        Assert.Equal(102, window.Committable); // 100 and 101 done, 102 not

        receipts[2].Complete();
        Assert.Equal(104, window.Committable); // 103 was done already

        for (var i = 9; i >= 4; i--) receipts[i].Complete();
        Assert.Equal(110, window.Committable);
        Assert.Equal(0, window.InFlight);
    }

    [Fact]
    public void A_released_record_is_no_longer_pending_but_the_commit_never_passes_it()
    {
        var window = new ReceiptWindow(128);
        var receipts = IssueRange(window, 10, 4);
        Assert.Equal(4, window.Pending);

        receipts[1].Release();
        receipts[0].Complete();
        receipts[2].Complete();
        receipts[3].Complete();

        Assert.Equal(0, window.Pending); // nothing left to wait for
        Assert.Equal(11, window.Committable); // but 11 is replayed, not committed
        receipts[1].Release();
        Assert.Equal(0, window.Pending); // releasing twice counts once
        Assert.Equal(1, window.Ignored);
    }

    [Fact]
    public void A_released_record_completed_after_all_lets_the_commit_move_on()
    {
        var window = new ReceiptWindow(128);
        var receipts = IssueRange(window, 0, 70); // across a 64-bit word

        receipts[0].Release();
        for (var i = 1; i < 70; i++) receipts[i].Complete();
        Assert.Equal(0, window.Committable);
        Assert.Equal(0, window.Pending);

        receipts[0].Complete();
        Assert.Equal(70, window.Committable);
        Assert.Equal(0, window.Pending);
        Assert.True(window.TryIssue(128, out var next)); // the released position's slot again
        Assert.Equal(1, window.Pending);
        next.Complete();
        Assert.Equal(0, window.Pending); // the released mark went with the slot's old position
        Assert.Equal(129, window.Committable);
    }

    [Fact]
    public void A_full_window_refuses_until_the_oldest_record_completes()
    {
        var window = new ReceiptWindow(64);
        var receipts = IssueRange(window, 0, 64);

        Assert.False(window.CanIssue(64));
        Assert.False(window.TryIssue(64, out _));
        receipts[5].Complete();
        Assert.False(window.TryIssue(64, out _)); // the oldest (0) still holds the window

        receipts[0].Complete();
        Assert.True(window.CanIssue(64));
        Assert.True(window.TryIssue(64, out var next));
        Assert.Equal(64, next.Position);
        Assert.Equal(1, window.Committable);
    }

    [Fact]
    public void The_ring_is_reused_many_times_over()
    {
        var window = new ReceiptWindow(64);
        for (long position = 0; position < 10_000; position++)
        {
            Assert.True(window.TryIssue(position, out var receipt));
            if (position >= 10) new Receipt(window, position - 10).Complete();
        }
        Assert.Equal(9_990, window.Committable);
        Assert.Equal(10, window.InFlight);
    }

    [Fact]
    public void Skipped_positions_count_as_completed()
    {
        var window = new ReceiptWindow(64);
        Assert.True(window.TryIssue(10, out var first));
        Assert.True(window.TryIssue(15, out var second)); // 11..14 compacted away
        first.Complete();
        Assert.Equal(15, window.Committable);
        second.Complete();
        Assert.Equal(16, window.Committable);
    }

    [Fact]
    public void A_gap_larger_than_the_window_does_not_block_once_nothing_is_outstanding()
    {
        var window = new ReceiptWindow(64);
        Assert.True(window.TryIssue(0, out var first));
        Assert.False(window.TryIssue(1_000_000, out _));
        first.Complete();
        Assert.True(window.TryIssue(1_000_000, out var far));
        Assert.Equal(1_000_000, window.Committable);
        far.Complete();
        Assert.Equal(1_000_001, window.Committable);
    }

    [Fact]
    public void Duplicate_and_stray_completions_are_ignored_and_counted()
    {
        var window = new ReceiptWindow(64);
        var receipts = IssueRange(window, 0, 3);
        receipts[1].Complete();
        receipts[1].Complete();
        new Receipt(window, 50).Complete(); // never issued
        receipts[0].Complete();
        receipts[0].Complete(); // already committed past
        Assert.Equal(2, window.Committable);
        Assert.Equal(3, window.Ignored);
    }

    [Fact]
    public void Positions_must_increase()
    {
        var window = new ReceiptWindow(64);
        Assert.True(window.TryIssue(5, out _));
        Assert.Throws<InvalidOperationException>(() => window.TryIssue(5, out _));
    }

    [Fact]
    public void Nothing_is_committable_before_the_first_record()
    {
        var window = new ReceiptWindow(1);
        Assert.Equal(-1, window.Committable);
        Assert.Equal(64, window.Capacity);
    }

    [Fact]
    public void Completing_positions_together_matches_completing_them_one_by_one()
    {
        var random = new Random(11);
        var committedSomething = false;
        for (var round = 0; round < 50; round++)
        {
            var oneByOne = new ReceiptWindow(256);
            var together = new ReceiptWindow(256);
            IssueRange(oneByOne, 1_000, 200);
            IssueRange(together, 1_000, 200);
            // Holders, releases, repeats and positions outside the window: every path a completion can take.
            foreach (var window in new[] { oneByOne, together })
            {
                var setup = new Random(round);
                for (var i = 0; i < 20; i++) window.Retain(1_000 + setup.Next(200), 1 + setup.Next(2));
                for (var i = 0; i < 10; i++) window.Release(1_000 + setup.Next(200));
            }
            var positions = Enumerable.Range(0, 600).Select(_ => 990L + random.Next(220)).ToArray();

            foreach (var position in positions) oneByOne.Complete(position);
            together.Complete(positions);

            Assert.Equal(oneByOne.Committable, together.Committable);
            Assert.Equal(oneByOne.Pending, together.Pending);
            Assert.Equal(oneByOne.InFlight, together.InFlight);
            Assert.Equal(oneByOne.Ignored, together.Ignored);
            committedSomething |= together.Committable > 1_000;
        }
        Assert.True(committedSomething, "no round moved the commit: the comparison would be vacuous");
    }

    [Fact]
    public async Task Many_partitions_completed_concurrently_in_random_order_commit_everything()
    {
        const int partitions = 32;
        const int perPartition = 5_000;
        var windows = Enumerable.Range(0, partitions).Select(_ => new ReceiptWindow(perPartition)).ToArray();
        var receipts = new List<Receipt>();
        foreach (var window in windows)
        {
            receipts.AddRange(IssueRange(window, 1_000, perPartition));
        }
        var shuffled = receipts.OrderBy(_ => Random.Shared.Next()).ToArray();
        var chunks = shuffled.Chunk(shuffled.Length / 4 + 1);
        await Task.WhenAll(chunks.Select(chunk => Task.Run(() => Receipt.CompleteAll<Receipt>(chunk, r => r))));

        Assert.All(windows, w => Assert.Equal(1_000 + perPartition, w.Committable));
        Assert.All(windows, w => Assert.Equal(0, w.InFlight));
    }

    [Fact]
    public void A_retained_record_completes_with_its_last_holder()
    {
        var window = new ReceiptWindow(128);
        var receipts = IssueRange(window, 0, 3);
        receipts[0].Retain(2); // three holders
        receipts[1].Retain(1);

        receipts[0].Complete();
        receipts[0].Complete();
        receipts[1].Complete();
        receipts[2].Complete();
        Assert.Equal(0, window.Committable); // 0 waits for its third holder, 1 for its second
        Assert.Equal(2, window.Pending);

        receipts[0].Complete();
        Assert.Equal(1, window.Committable);
        receipts[1].Complete();
        Assert.Equal(3, window.Committable);
        Assert.Equal(0, window.Pending);

        receipts[1].Complete(); // one too many: ignored, as for a single holder
        Assert.Equal(1, window.Ignored);
    }

    [Fact]
    public void A_record_one_holder_released_is_never_committed_by_the_others()
    {
        var window = new ReceiptWindow(128);
        var receipts = IssueRange(window, 0, 2);
        receipts[0].Retain(1);

        receipts[0].Release(); // its partition moves: the record must be replayed for every holder
        receipts[0].Complete();
        receipts[1].Complete();

        Assert.Equal(0, window.Committable);
        Assert.Equal(0, window.Pending);
    }

    [Fact]
    public void Retaining_a_finished_record_is_ignored_and_holders_are_bounded()
    {
        var window = new ReceiptWindow(64);
        var receipts = IssueRange(window, 0, 2);
        receipts[0].Complete();
        receipts[0].Retain(1);
        Assert.Equal(1, window.Committable);
        Assert.Equal(1, window.Ignored);

        receipts[1].Retain(200);
        Assert.Throws<ArgumentOutOfRangeException>(() => receipts[1].Retain(55)); // 254 holders besides the first fit, 255 do not
        receipts[1].Retain(54);
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Retain(1, -1));
    }

    [Fact]
    public void Holds_do_not_outlive_their_record_when_the_ring_wraps()
    {
        var window = new ReceiptWindow(64);
        for (long position = 0; position < 64 * 5; position++)
        {
            Assert.True(window.TryIssue(position, out var receipt));
            if (position % 3 == 0)
            {
                receipt.Retain(1);
                receipt.Complete();
            }
            receipt.Complete();
        }
        Assert.Equal(64 * 5, window.Committable);
        Assert.Equal(0, window.Ignored);
    }

    private static Receipt[] IssueRange(ReceiptWindow window, long start, int count)
    {
        var receipts = new Receipt[count];
        for (var i = 0; i < count; i++) Assert.True(window.TryIssue(start + i, out receipts[i]));
        return receipts;
    }
}
