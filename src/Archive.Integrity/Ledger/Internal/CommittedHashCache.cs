using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// A bounded, thread-safe cache of <em>committed</em> stored tree hashes, shared by one <see cref="PostgresLedger"/>'s
/// writer loop and its proof reads, and the largest ledger size this instance knows to be committed.
/// </summary>
/// <remarks>
/// <para>A stored hash at a given stored index is final once the batch that wrote it commits (the sequencer lock makes
/// every index written once, the table's triggers forbid changes), so a cached hash never goes stale and sizes only grow.
/// What may go in: hashes read outside any transaction (committed by definition) and a writer-loop batch's hashes
/// (read or computed) after its own transaction committed. Never: hashes of <c>AppendInTransactionAsync</c>, of a
/// batch whose commit failed or is in doubt, or read inside a transaction that may hold its own uncommitted appends.</para>
/// <para>Assumption: the database is never restored to an earlier point behind a running host — a restore means
/// stopping the hosts, and a restarted host starts with an empty cache and refuses to start when the witnessed
/// checkpoints are ahead of the restored log. As a last guard, the sequencer compares the size it reads under its lock
/// with <see cref="CommittedSize"/> and, while the log is behind it, empties the cache and refuses the batch
/// (<see cref="RefuseIfRolledBack"/>).</para>
/// <para>Eviction is a two-generation approximation of LRU: new hashes go into the current generation; a hit in the
/// previous one is copied into the current one; when the current generation is full it becomes the previous one and
/// the oldest is dropped. Hashes every proof or append touches (upper levels, the right edge) thus stay; the random
/// leaf-level ones pass through. At most about <c>capacity</c> hashes are held (roughly 110 bytes each).</para>
/// </remarks>
internal sealed class CommittedHashCache
{
    private readonly int _generationSize;
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<long, byte[]> _current = new();
    private ConcurrentDictionary<long, byte[]> _previous = new();
    private int _currentCount;
    private long _committedSize;

    /// <summary>Creates a cache holding about <paramref name="capacity"/> hashes (at least 2).</summary>
    public CommittedHashCache(int capacity) => _generationSize = Math.Max(1, capacity / 2);

    /// <summary>A lower bound of the ledger's committed size: a proof for a tree no larger needs no size query.</summary>
    public long CommittedSize => Volatile.Read(ref _committedSize);

    /// <summary>Records that the ledger had at least <paramref name="size"/> committed entries.</summary>
    public void ObserveCommittedSize(long size)
    {
        var known = Volatile.Read(ref _committedSize);
        while (size > known)
        {
            var seen = Interlocked.CompareExchange(ref _committedSize, size, known);
            if (seen == known)
            {
                return;
            }
            known = seen;
        }
    }

    /// <summary>The committed hash at <paramref name="storedIndex"/>, if cached.</summary>
    public bool TryGet(long storedIndex, [NotNullWhen(true)] out byte[]? hash)
    {
        if (Volatile.Read(ref _current).TryGetValue(storedIndex, out hash))
        {
            return true;
        }
        if (Volatile.Read(ref _previous).TryGetValue(storedIndex, out hash))
        {
            // Promoted as it is: the array is the cache's own already.
            Insert(Volatile.Read(ref _current), storedIndex, hash);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Caches a copy of a hash known to be committed (the caller's array may be handed on, e.g. as an append result's
    /// leaf hash). Arrays <see cref="TryGet"/> returns are the cache's own and must never be changed.
    /// </summary>
    public void Add(long storedIndex, byte[] hash)
    {
        var current = Volatile.Read(ref _current);
        if (!current.ContainsKey(storedIndex))
        {
            Insert(current, storedIndex, (byte[])hash.Clone());
        }
    }

    /// <summary>
    /// Throws when the sequencer, under its lock, reads a size below one already seen committed: the database was
    /// restored behind this running host. The cache is emptied first, so nothing it held outlives the restore.
    /// </summary>
    /// <exception cref="LedgerIntegrityException">The log went backwards.</exception>
    public void RefuseIfRolledBack(long size)
    {
        var known = CommittedSize;
        if (size >= known)
        {
            return;
        }
        lock (_rotation)
        {
            Volatile.Write(ref _previous, new ConcurrentDictionary<long, byte[]>());
            Volatile.Write(ref _current, new ConcurrentDictionary<long, byte[]>());
            Volatile.Write(ref _currentCount, 0);
        }
        throw new LedgerIntegrityException(
            $"The ledger holds {size} entries but this process already saw {known} committed: the database was rolled back " +
            "behind the running host. Restart the host (it checks the log against the witnessed checkpoints before it appends).");
    }

    private void Insert(ConcurrentDictionary<long, byte[]> current, long storedIndex, byte[] hash)
    {
        if (current.TryAdd(storedIndex, hash) && Interlocked.Increment(ref _currentCount) >= _generationSize)
        {
            Rotate(current);
        }
    }

    private void Rotate(ConcurrentDictionary<long, byte[]> full)
    {
        lock (_rotation)
        {
            if (!ReferenceEquals(Volatile.Read(ref _current), full))
            {
                return;
            }
            Volatile.Write(ref _previous, full);
            Volatile.Write(ref _current, new ConcurrentDictionary<long, byte[]>());
            Volatile.Write(ref _currentCount, 0);
        }
    }
}
