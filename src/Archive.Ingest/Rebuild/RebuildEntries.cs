using System.Text.Json.Nodes;
using Archive.Ingest.Retention;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Rebuild;

/// <summary>
/// The entries of the rebuilt ledger the catalogue rebuild needs, gathered in one pass in ledger order: the sealed
/// versions, the disposals' tombstones, and when each disposal was proposed.
/// </summary>
public sealed class RebuildEntries
{
    private readonly List<SealedEntry> _sealed = [];
    private readonly List<DisposedEntry> _disposed = [];
    private readonly Dictionary<long, Instant> _proposedAt = [];

    /// <summary>The <c>package.sealed</c> entries, by index.</summary>
    public IReadOnlyList<SealedEntry> Sealed => _sealed;

    /// <summary>The <c>retention.disposed</c> tombstones, by index.</summary>
    public IReadOnlyList<DisposedEntry> Disposed => _disposed;

    /// <summary>Takes the next entry of the ledger; entries of other types are passed over.</summary>
    /// <param name="index">The entry's ledger index.</param>
    /// <param name="bytes">The entry's exact bytes.</param>
    public void Add(long index, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (JsonNode.Parse(bytes) is not JsonObject entry)
        {
            return;
        }

        switch (entry["type"]?.GetValue<string>())
        {
            case Sealing.SealingJob.EntryType:
                _sealed.Add(SealedEntry.From(index, entry));
                break;
            case RetentionEntries.Disposed:
                _disposed.Add(DisposedEntry.From(index, entry));
                break;
            case RetentionEntries.DisposalProposed:
                _proposedAt[index] = InstantPattern.ExtendedIso.Parse(entry["at"]!.GetValue<string>()).Value;
                break;
        }
    }

    /// <summary>When the disposal behind <paramref name="tombstone"/> was proposed (the tombstone's own time if the proposal is not in the ledger).</summary>
    /// <param name="tombstone">A tombstone taken by <see cref="Add"/>.</param>
    public Instant ProposedAt(DisposedEntry tombstone)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        return _proposedAt.TryGetValue(tombstone.ProposalEntry, out var at) ? at : tombstone.At;
    }
}
