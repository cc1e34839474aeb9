namespace Archive.Api.Access.Evidence;

/// <summary>One ledger entry with its proof.</summary>
/// <param name="Index">The ledger index.</param>
/// <param name="Type">The entry type.</param>
/// <param name="Entry">The exact entry bytes, base64 (hash them as they are: leaf = SHA-256(0x00 ‖ bytes)).</param>
/// <param name="Checkpoint">The signed checkpoint the proof leads to, or null when none covers the entry yet.</param>
/// <param name="InclusionProof">The RFC 6962 audit path, as <c>/api/v1/ledger/proof/inclusion</c> shapes it; null with no checkpoint.</param>
public sealed record EvidenceItem(long Index, string Type, string Entry, string? Checkpoint, EvidenceProof? InclusionProof);
