using System.Runtime.CompilerServices;
using System.Collections;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra;

/// <summary>
/// The result of a statement: a cursor over pages of rows. Enumerating it synchronously yields the rows of the
/// current page only (it never blocks on I/O); <c>await foreach</c> (or <see cref="AsAsyncEnumerable"/>) yields every
/// remaining row, fetching the next pages as it goes and letting consumed pages be collected. It deliberately does not
/// implement <see cref="IAsyncEnumerable{T}"/>, so LINQ calls on a row set are not ambiguous.
/// </summary>
public sealed class RowSet : IEnumerable<Row>
{
    private readonly Func<byte[], CancellationToken, Task<RowsPage>>? _fetchNext;
    private RowsPage _page;

    internal RowSet(RowsPage page, Func<byte[], CancellationToken, Task<RowsPage>>? fetchNext)
    {
        _page = page;
        _fetchNext = fetchNext;
    }

    /// <summary>The columns of the result (empty for statements that return no rows).</summary>
    public IReadOnlyList<CqlColumn> Columns => _page.Metadata.Columns;

    /// <summary>The state to resume from on the next page, or null when this is the last page.</summary>
    public byte[]? PagingState => _page.Metadata.PagingState;

    /// <summary>Whether no further page exists on the server.</summary>
    public bool IsFullyFetched => PagingState is null || _fetchNext is null;

    /// <summary>Rows in the current page.</summary>
    public int GetAvailableWithoutFetching() => _page.RowCount;

    /// <summary>Replaces the current page with the next one; false when there is none.</summary>
    public async Task<bool> FetchMoreResultsAsync(CancellationToken cancellationToken = default)
    {
        if (IsFullyFetched)
        {
            return false;
        }

        _page = await _fetchNext!(PagingState!, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The rows of the current page.</summary>
    public IEnumerator<Row> GetEnumerator()
    {
        var page = _page;
        for (int i = 0; i < page.RowCount; i++)
        {
            yield return new Row(page, i);
        }
    }

    /// <summary>All remaining rows: the current page, then every following page fetched on demand.</summary>
    public IAsyncEnumerator<Row> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);

    /// <summary>All remaining rows as an async sequence, fetching pages on demand.</summary>
    public IAsyncEnumerable<Row> AsAsyncEnumerable() => ReadAllAsync(CancellationToken.None);

    private async IAsyncEnumerable<Row> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = _page;
            for (int i = 0; i < page.RowCount; i++)
            {
                yield return new Row(page, i);
            }

            if (!await FetchMoreResultsAsync(cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
