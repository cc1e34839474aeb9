using System.Text.Json.Nodes;
using Npgsql;

namespace Archive.Integrity.Ledger;

/// <summary>
/// The audit ledger (审计账本): one append-only RFC 6962 Merkle log of everything that matters, with
/// periodically signed C2SP checkpoints (CONTRACT.md §5). Entries are RFC 8785 canonical JSON
/// <c>{"type":…, "at":…, …fields}</c> of at most 64 KiB. Every process may append; one PostgreSQL
/// advisory lock keeps a single, gap-free sequence. Implemented by <see cref="PostgresLedger"/>.
/// </summary>
public interface ILedger
{
    /// <summary>The note verifier key <c>&lt;origin&gt;+&lt;hex8&gt;+&lt;base64&gt;</c> that verifies every checkpoint.</summary>
    string VerifierKey { get; }

    /// <summary>
    /// The SM2 (国密, GB/T 32918 with SM3) verifier key of the co-signature line every checkpoint carries beside the
    /// Ed25519 one, or null when this ledger does not co-sign.
    /// </summary>
    string? CosignerKey { get; }

    /// <summary>
    /// Appends an entry, committed in a batch with concurrent appends of this process; completes with its index
    /// once committed. With an idempotency key that was used before, returns that earlier entry
    /// (<see cref="LedgerAppendResult.AlreadyPresent"/>) and appends nothing, so retried jobs append once.
    /// </summary>
    /// <param name="type">The entry type, e.g. <c>package.sealed</c>: a–z, 0–9, '.', '-', '_', at most 100 characters.</param>
    /// <param name="fields">The entry's other fields; it must not contain <c>type</c> or <c>at</c>. Copied, not modified.</param>
    /// <param name="idempotencyKey">Optional key, unique over the whole ledger, at most 200 characters.</param>
    /// <param name="ct">Stops waiting. An entry already queued may still be appended: retry with the same idempotency key to learn its index.</param>
    /// <exception cref="LedgerArgumentException">Bad type or key, a reserved field, or an entry over 64 KiB.</exception>
    /// <exception cref="ObjectDisposedException">The ledger is disposed.</exception>
    /// <exception cref="NpgsqlException">The batch holding the entry failed; it was not appended (or, if the commit's answer was lost, retry with the idempotency key).</exception>
    Task<LedgerAppendResult> AppendAsync(string type, JsonObject fields, string? idempotencyKey = null, CancellationToken ct = default);

    /// <summary>
    /// Appends an entry inside the caller's transaction, so a state change and its entry commit or roll back together.
    /// The sequencer lock is held until that transaction ends: keep it short after this call, and do not call
    /// <see cref="AppendAsync"/> from the same flow before it ends (that would wait for the lock it holds).
    /// </summary>
    /// <param name="connection">An open connection from a data source configured with <c>UseNodaTime()</c>.</param>
    /// <param name="transaction">The caller's transaction on <paramref name="connection"/>.</param>
    /// <param name="type">As for <see cref="AppendAsync"/>.</param>
    /// <param name="fields">As for <see cref="AppendAsync"/>.</param>
    /// <param name="idempotencyKey">As for <see cref="AppendAsync"/>.</param>
    /// <param name="ct">Cancels the statements.</param>
    /// <exception cref="ArgumentException">The transaction does not belong to the connection.</exception>
    /// <exception cref="LedgerArgumentException">As for <see cref="AppendAsync"/>.</exception>
    Task<LedgerAppendResult> AppendInTransactionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string type, JsonObject fields, string? idempotencyKey, CancellationToken ct);

    /// <summary>The number of committed entries.</summary>
    /// <param name="ct">Cancels the query.</param>
    Task<long> GetSizeAsync(CancellationToken ct);

    /// <summary>The exact bytes of entry <paramref name="index"/>, or <see langword="null"/> when it does not exist (yet).</summary>
    /// <param name="index">The entry's index.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="LedgerArgumentException"><paramref name="index"/> is negative.</exception>
    Task<byte[]?> GetEntryAsync(long index, CancellationToken ct);

    /// <summary>The latest signed checkpoint (C2SP signed note text), or <see langword="null"/> before the first.</summary>
    /// <param name="ct">Cancels the query.</param>
    Task<string?> GetLatestCheckpointAsync(CancellationToken ct);

    /// <summary>The signed checkpoint of exactly <paramref name="treeSize"/>, or <see langword="null"/> if none was issued.</summary>
    /// <param name="treeSize">The tree size.</param>
    /// <param name="ct">Cancels the query.</param>
    Task<string?> GetCheckpointAsync(long treeSize, CancellationToken ct);

    /// <summary>
    /// The RFC 6962 audit path of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> entries,
    /// leaf's sibling first; verifies with Go's <c>tlog.CheckRecord</c>.
    /// </summary>
    /// <param name="index">The entry, <c>0 ≤ index &lt; treeSize</c>.</param>
    /// <param name="treeSize">A tree size, at most the current size (usually that of a checkpoint).</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <exception cref="LedgerArgumentException">The arguments are outside the tree.</exception>
    Task<IReadOnlyList<byte[]>> ProveInclusionAsync(long index, long treeSize, CancellationToken ct);

    /// <summary>The RFC 6962 consistency proof from tree size <paramref name="from"/> to <paramref name="to"/>; verifies with Go's <c>tlog.CheckTree</c>.</summary>
    /// <param name="from">The older size, <c>1 ≤ from ≤ to</c>.</param>
    /// <param name="to">The newer size, at most the current size.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <exception cref="LedgerArgumentException">The arguments are outside the tree.</exception>
    Task<IReadOnlyList<byte[]>> ProveConsistencyAsync(long from, long to, CancellationToken ct);

    /// <summary>
    /// Signs and stores a checkpoint of the current size if the log grew since the latest one, after proving the new
    /// tree consistent with it; returns the latest checkpoint (new or not), or <see langword="null"/> while the log is empty.
    /// Safe to call from several processes at once.
    /// </summary>
    /// <param name="ct">Cancels the work; nothing is stored then.</param>
    /// <exception cref="LedgerIntegrityException">Stored hashes, entries or checkpoints disagree, or the signing key or origin is not the recorded one; nothing is signed.</exception>
    Task<string?> SignCheckpointAsync(CancellationToken ct);

    /// <summary>
    /// Waits until a signed checkpoint covers entry <paramref name="index"/> (its size is greater) and returns the latest
    /// checkpoint. Relies on a checkpoint loop (<see cref="PostgresLedger.RunCheckpointLoopAsync"/>) running in some process.
    /// </summary>
    /// <param name="index">A committed entry's index.</param>
    /// <param name="ct">Stops waiting.</param>
    /// <exception cref="LedgerArgumentException"><paramref name="index"/> is negative or not committed.</exception>
    Task<string> WaitForCheckpointCoveringAsync(long index, CancellationToken ct);
}
