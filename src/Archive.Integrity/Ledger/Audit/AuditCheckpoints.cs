using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Npgsql;

namespace Archive.Integrity.Ledger.Audit;

/// <summary>The audit's checks of stored checkpoints: signature, root against the recomputed tree, pairwise consistency.</summary>
internal static class AuditCheckpoints
{
    public static Task<List<(long Size, byte[] Root, string Note)>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) =>
        AuditQueries.ReadCheckpointsAsync(connection, transaction, ct);

    /// <summary>Checks every checkpoint; returns those whose signature verifies and whose root the entries reproduce.</summary>
    public static async Task<List<(long Size, byte[] Root)>> CheckAsync(
        IReadOnlyList<(long Size, byte[] Root, string Note)> checkpoints, LedgerKeyHistory keys, InMemoryHashStore tree,
        List<LedgerAuditFinding> findings, CancellationToken ct)
    {
        var good = new List<(long Size, byte[] Root)>();
        (long Size, byte[] Root)? previous = null;
        foreach (var (size, root, note) in checkpoints)
        {
            var lastGood = good.Count > 0 ? good[^1].Size : 0;
            Checkpoint body;
            var (key, cosigner) = keys.For(size);
            try
            {
                body = Checkpoint.Open(note, key);
                if (cosigner is not null && SignedNote.CarriesSignatureBy(note, cosigner))
                {
                    SignedNote.Open(note, cosigner);
                }
            }
            catch (Exception e) when (e is NoteVerificationException or FormatException or ArgumentException)
            {
                findings.Add(new("checkpoint.signature", null, $"Checkpoint {size} does not verify with the ledger's keys: {e.Message}"));
                continue;
            }

            if (body.TreeSize != size || !body.RootHash.AsSpan().SequenceEqual(root))
            {
                findings.Add(new("checkpoint.row", lastGood, $"Checkpoint {size}: its row disagrees with its signed note."));
            }

            if (previous is { } p && p.Size <= tree.Size && body.TreeSize <= tree.Size && p.Size > 0)
            {
                var proof = await Proofs.ProveTreeAsync(body.TreeSize, p.Size, tree, ct);
                if (!Proofs.CheckTree(proof, body.TreeSize, body.RootHash, p.Size, p.Root))
                {
                    findings.Add(new("checkpoint.inconsistent", p.Size,
                        $"Signed checkpoints {p.Size} and {body.TreeSize} are not consistent with each other over the stored entries."));
                }
            }

            previous = (body.TreeSize, body.RootHash);
            if (body.TreeSize > tree.Size)
            {
                findings.Add(new("checkpoint.beyond-log", tree.Size,
                    $"Checkpoint {body.TreeSize} was signed but only {tree.Size} consecutive entries are stored: entries were deleted."));
                continue;
            }

            var recomputed = await StoredHashes.TreeHashAsync(body.TreeSize, tree, ct);
            if (!recomputed.AsSpan().SequenceEqual(body.RootHash))
            {
                findings.Add(new("checkpoint.root", lastGood,
                    $"The entries' tree of size {body.TreeSize} differs from signed checkpoint {body.TreeSize}: an entry from {lastGood} on was changed."));
                continue;
            }

            good.Add((body.TreeSize, body.RootHash));
        }

        return good;
    }
}
