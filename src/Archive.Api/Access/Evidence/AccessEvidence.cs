using Archive.Api.Access.Log;
using Archive.Api.Access.Requests;
using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;

namespace Archive.Api.Access.Evidence;

/// <summary>
/// The proof an agency keeps of what it was given (存证): for every ledger entry of one request (lodged, decided,
/// revoked, each read and copy and what was delivered) the exact entry bytes, a signed checkpoint and the inclusion
/// proof of the entry in that checkpoint's tree, checkable with Go's <c>sumdb/tlog.CheckRecord</c> and <c>sumdb/note</c>.
/// </summary>
public sealed class AccessEvidence(AccessLogStore log, ILedger ledger)
{
    /// <summary>How long to wait for a checkpoint that covers the newest entry before answering without its proof.</summary>
    public static readonly TimeSpan CheckpointWait = TimeSpan.FromSeconds(15);

    /// <summary>The evidence of one request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<EvidenceBundle> ForRequestAsync(AccessRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = new List<AccessLogRow>();
        long? after = null;
        while (true)
        {
            var page = await log.QueryAsync(new AccessLogQuery(null, null, null, request.Id, null, null, after, AccessLogStore.MaxLimit), ct);
            rows.AddRange(page);
            if (page.Count < AccessLogStore.MaxLimit)
            {
                break;
            }

            after = page[^1].Index;
        }

        string? note = null;
        if (rows.Count > 0)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(CheckpointWait);
            try
            {
                note = await ledger.WaitForCheckpointCoveringAsync(rows[^1].Index, wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                note = await ledger.GetLatestCheckpointAsync(ct);
            }
        }

        var treeSize = note is null ? 0 : Checkpoint.Open(note, NoteVerifier.Parse(ledger.VerifierKey)).TreeSize;
        var items = new List<EvidenceItem>(rows.Count);
        foreach (var row in rows)
        {
            var bytes = await ledger.GetEntryAsync(row.Index, ct) ?? throw new InvalidOperationException($"Ledger entry {row.Index} is missing.");
            var proof = row.Index < treeSize ? await ledger.ProveInclusionAsync(row.Index, treeSize, ct) : null;
            items.Add(new EvidenceItem(row.Index, row.Type, Convert.ToBase64String(bytes), row.Index < treeSize ? note : null,
                proof is null ? null : new EvidenceProof(row.Index, treeSize, proof.Select(Convert.ToBase64String).ToList())));
        }

        return new EvidenceBundle(request.Id, request.ApprovalNumber, ledger.VerifierKey, note, treeSize, items);
    }
}
