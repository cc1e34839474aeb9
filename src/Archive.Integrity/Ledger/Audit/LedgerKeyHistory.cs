using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Integrity.Notes;

namespace Archive.Integrity.Ledger.Audit;

/// <summary>
/// Which keys signed which checkpoints, derived from the trusted current keys and the <c>ledger.key-rotated</c> entries
/// of the audited tree: a rotation at index i means checkpoints of size ≤ i + 1 were signed by its previous keys, later
/// ones by its next keys. Trust flows backwards from the configured keys through entries the checked tree covers.
/// </summary>
internal sealed class LedgerKeyHistory(string currentKey, string? currentCosignerKey)
{
    private static readonly byte[] RotationMarker = Encoding.UTF8.GetBytes($"\"type\":\"{PostgresLedger.KeyRotatedType}\"");
    private readonly List<Rotation> _rotations = [];

    /// <summary>Notes a replayed entry; only rotation entries matter.</summary>
    public void Observe(long index, byte[] bytes, List<LedgerAuditFinding> findings)
    {
        if (bytes.AsSpan().IndexOf(RotationMarker) < 0)
        {
            return;
        }

        try
        {
            var entry = JsonNode.Parse(bytes)!.AsObject();
            if ((string?)entry["type"] != PostgresLedger.KeyRotatedType)
            {
                return;
            }

            _rotations.Add(new Rotation(
                index,
                (string)entry["previous"]!["ed25519"]!,
                (string?)entry["previous"]!["sm2"],
                (string)entry["next"]!["ed25519"]!,
                (string?)entry["next"]!["sm2"]));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            findings.Add(new("key.rotation-malformed", index, $"Key rotation entry {index} cannot be read: {e.Message}"));
        }
    }

    /// <summary>Checks that each rotation's next keys are the keys in effect after it (the chain reaches the current keys).</summary>
    public void CheckChain(List<LedgerAuditFinding> findings)
    {
        for (var i = 0; i < _rotations.Count; i++)
        {
            var expected = i + 1 < _rotations.Count ? _rotations[i + 1].PreviousKey : currentKey;
            if (_rotations[i].NextKey != expected)
            {
                findings.Add(new("key.chain", _rotations[i].Index,
                    $"Key rotation entry {_rotations[i].Index} introduces {_rotations[i].NextKey}, but the key in effect after it is {expected}."));
            }
        }
    }

    /// <summary>The keys that must have signed a checkpoint of <paramref name="size"/>.</summary>
    public (NoteVerifier Key, Sm2NoteVerifier? Cosigner) For(long size)
    {
        foreach (var rotation in _rotations)
        {
            if (size <= rotation.Index + 1)
            {
                return (NoteVerifier.Parse(rotation.PreviousKey), rotation.PreviousCosignerKey is { } sm2 ? Sm2NoteVerifier.Parse(sm2) : null);
            }
        }

        return (NoteVerifier.Parse(currentKey), currentCosignerKey is { } current ? Sm2NoteVerifier.Parse(current) : null);
    }

    private sealed record Rotation(long Index, string PreviousKey, string? PreviousCosignerKey, string NextKey, string? NextCosignerKey);
}
