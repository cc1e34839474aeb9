namespace Archive.Api.Access.Evidence;

/// <summary>Answer of <c>GET /api/v1/access-requests/{id}/evidence</c>.</summary>
/// <param name="Request">The request.</param>
/// <param name="ApprovalNumber">Its 审批单号.</param>
/// <param name="VerifierKey">The note verifier key of the ledger's checkpoints.</param>
/// <param name="Checkpoint">The signed checkpoint all proofs lead to (C2SP signed note), or null before the first.</param>
/// <param name="TreeSize">Its tree size.</param>
/// <param name="Entries">Every ledger entry of the request, in ledger order.</param>
public sealed record EvidenceBundle(
    Guid Request, string ApprovalNumber, string VerifierKey, string? Checkpoint, long TreeSize, IReadOnlyList<EvidenceItem> Entries);
