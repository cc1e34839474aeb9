using System.Globalization;
using System.Text;
using Archive.Integrity.Notes;
using Archive.Storage;

namespace Archive.Integrity.Ledger.Witness;

/// <summary>
/// Keeps every signed checkpoint in each object store (CONTRACT §8): <c>checkpoints/&lt;size, 20 digits&gt;.txt</c>, never
/// rewritten, and <c>checkpoints/latest.txt</c>, the newest one, so the newest is found without listing the history.
/// Reads trust only notes that verify with the ledger's verifier key.
/// </summary>
public sealed class StoreCheckpointWitness : ICheckpointWitness
{
    /// <summary>The key prefix of witnessed checkpoints in every store.</summary>
    public const string Prefix = "checkpoints/";

    /// <summary>The key of the newest witnessed checkpoint.</summary>
    public const string LatestKey = Prefix + "latest.txt";

    /// <summary>
    /// Until when a witnessed checkpoint is retained where the store offers retention: the ledger is kept permanently,
    /// and object locks need a date.
    /// </summary>
    public static readonly DateTimeOffset RetainedUntil = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IReadOnlyList<KeyValuePair<string, IObjectStore>> _stores;
    private readonly NoteVerifier _verifier;

    /// <summary>Creates the witness over named stores.</summary>
    /// <param name="stores">The stores (name → store), e.g. <c>online</c> and <c>offline</c>.</param>
    /// <param name="verifierKey">The ledger's note verifier key.</param>
    /// <exception cref="ArgumentException">No store is given.</exception>
    /// <exception cref="FormatException"><paramref name="verifierKey"/> is not a verifier key.</exception>
    public StoreCheckpointWitness(IReadOnlyList<KeyValuePair<string, IObjectStore>> stores, string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(verifierKey);
        if (stores.Count == 0)
        {
            throw new ArgumentException("A witness needs at least one store.", nameof(stores));
        }

        _stores = stores;
        _verifier = NoteVerifier.Parse(verifierKey);
    }

    /// <summary>The key under which the checkpoint of <paramref name="treeSize"/> is kept.</summary>
    /// <param name="treeSize">A tree size.</param>
    public static string KeyFor(long treeSize) => Prefix + treeSize.ToString("D20", CultureInfo.InvariantCulture) + ".txt";

    /// <inheritdoc />
    public async Task RecordAsync(string note, long treeSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(note);
        var bytes = Encoding.UTF8.GetBytes(note);
        foreach (var (_, store) in _stores)
        {
            // The checkpoint of a size is written once and retained where the store offers it; "latest" moves on.
            if (await store.StatAsync(KeyFor(treeSize), ct) is null)
            {
                try
                {
                    await PutAsync(store, KeyFor(treeSize), bytes, RetainedUntil, ct);
                }
                catch (ObjectRetainedException)
                {
                    // Another process witnessed this size first; Ed25519 notes are deterministic, so it wrote these bytes.
                }
            }

            // A slower signer must not move "latest" backwards.
            if ((await TryReadAsync(store, LatestKey, ct))?.TreeSize is not { } newest || newest < treeSize)
            {
                await PutAsync(store, LatestKey, bytes, null, ct);
            }
        }
    }

    /// <inheritdoc />
    public async Task<WitnessedCheckpoint?> ReadNewestAsync(CancellationToken ct)
    {
        WitnessedCheckpoint? newest = null;
        foreach (var (name, store) in _stores)
        {
            if (await TryReadAsync(store, LatestKey, ct) is { } checkpoint && (newest is null || checkpoint.TreeSize > newest.TreeSize))
            {
                newest = new WitnessedCheckpoint(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.Note, name);
            }
        }

        return newest;
    }

    private static async Task PutAsync(IObjectStore store, string key, byte[] bytes, DateTimeOffset? retainUntil, CancellationToken ct)
    {
        using var content = new MemoryStream(bytes, writable: false);
        await store.PutAsync(key, content, new PutOptions { ContentType = "text/plain; charset=utf-8", Length = bytes.Length, RetainUntil = retainUntil }, ct);
    }

    private async Task<(long TreeSize, byte[] RootHash, string Note)?> TryReadAsync(IObjectStore store, string key, CancellationToken ct)
    {
        string note;
        try
        {
            await using var stream = await store.GetAsync(key, null, ct);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            note = await reader.ReadToEndAsync(ct);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }

        try
        {
            var body = Checkpoint.Open(note, _verifier);
            return (body.TreeSize, body.RootHash, note);
        }
        catch (Exception e) when (e is NoteVerificationException or FormatException or ArgumentException)
        {
            // A note that does not verify witnesses nothing; the audit reports the stores' own damage separately.
            return null;
        }
    }
}
