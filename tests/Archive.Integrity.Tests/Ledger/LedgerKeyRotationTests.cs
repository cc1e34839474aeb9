using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Ledger.Audit;
using Archive.Integrity.Notes;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>国密 co-signed checkpoints and key rotation introduced by a ledger entry signed under the previous keys.</summary>
public sealed class LedgerKeyRotationTests
{
    private const string Origin = LedgerTestDatabase.Origin;

    [Fact]
    public async Task Checkpoint_CarriesEd25519AndSm2Signatures_AndAnotherSm2KeyIsRefused()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ed = NoteSigner.Generate(Origin);
        var sm2 = Sm2NoteSigner.Generate(Origin);
        var ledger = db.CreateLedger(ed, cosigner: sm2);
        await AppendAsync(ledger, 3);

        var note = (await ledger.SignCheckpointAsync(CancellationToken.None))!;

        Assert.Equal(3, Checkpoint.Open(note, ed.Verifier).TreeSize);
        Assert.Equal(3, Checkpoint.Open(note, sm2.Verifier).TreeSize);
        Assert.Equal(sm2.Verifier.ToVerifierKey(), ledger.CosignerKey);
        var other = db.CreateLedger(ed, cosigner: Sm2NoteSigner.Generate(Origin));
        await AppendAsync(other, 1);
        await Assert.ThrowsAsync<LedgerIntegrityException>(() => other.SignCheckpointAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RotateKeys_EachCheckpointVerifiesWithItsOwnKeys_AndTheHandOverWithBoth()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var (oldEd, oldSm2) = (NoteSigner.Generate(Origin), Sm2NoteSigner.Generate(Origin));
        var (newEd, newSm2) = (NoteSigner.Generate(Origin), Sm2NoteSigner.Generate(Origin));
        var ledger = db.CreateLedger(oldEd, cosigner: oldSm2);
        await AppendAsync(ledger, 4);
        var before = (await ledger.SignCheckpointAsync(CancellationToken.None))!;

        var rotation = await ledger.RotateKeysAsync(newEd, newSm2, CancellationToken.None);

        Assert.Equal(4, rotation.EntryIndex);
        Assert.Equal(oldEd.Verifier.ToVerifierKey(), rotation.PreviousKey);
        var entry = JsonNode.Parse(await ledger.GetEntryAsync(rotation.EntryIndex, CancellationToken.None))!;
        Assert.Equal(PostgresLedger.KeyRotatedType, (string?)entry["type"]);
        Assert.Equal(newEd.Verifier.ToVerifierKey(), (string?)entry["next"]!["ed25519"]);
        var statement = (string)entry["statement"]!;
        Assert.Contains(newSm2.Verifier.ToVerifierKey(), SignedNote.Open(statement, oldEd.Verifier), StringComparison.Ordinal);
        SignedNote.Open(statement, oldSm2.Verifier);
        foreach (var key in new INoteVerifier[] { oldEd.Verifier, oldSm2.Verifier, newEd.Verifier, newSm2.Verifier })
        {
            Assert.Equal(5, Checkpoint.Open(rotation.Checkpoint, key).TreeSize);
        }

        // The process still holding the previous key refuses to sign; one with the next keys signs with them only.
        await AppendAsync(ledger, 1);
        await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.SignCheckpointAsync(CancellationToken.None));
        var rotated = db.CreateLedger(newEd, cosigner: newSm2);
        await AppendAsync(rotated, 2);
        var after = (await rotated.SignCheckpointAsync(CancellationToken.None))!;
        Assert.Equal(8, Checkpoint.Open(after, newEd.Verifier).TreeSize);
        Checkpoint.Open(after, newSm2.Verifier);
        Assert.Throws<NoteVerificationException>(() => Checkpoint.Open(after, oldEd.Verifier));
        Assert.Throws<NoteVerificationException>(() => Checkpoint.Open(before, newEd.Verifier));
        Checkpoint.Open(before, oldSm2.Verifier);

        var keys = await rotated.GetSigningKeysAsync(CancellationToken.None);
        Assert.Equal(
            new[] { oldEd.Verifier.ToVerifierKey(), oldSm2.Verifier.ToVerifierKey() }.Order(StringComparer.Ordinal),
            keys.Take(2).Select(k => k.VerifierKey).Order(StringComparer.Ordinal));
        Assert.Equal(newEd.Verifier.ToVerifierKey(), keys.Last(k => k.Algorithm == "ed25519").VerifierKey);
    }

    [Fact]
    public async Task Audit_FollowsTheRotationFromTheCurrentKeys_AndRejectsAnUnrotatedKey()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var (oldEd, oldSm2) = (NoteSigner.Generate(Origin), Sm2NoteSigner.Generate(Origin));
        var (newEd, newSm2) = (NoteSigner.Generate(Origin), Sm2NoteSigner.Generate(Origin));
        var ledger = db.CreateLedger(oldEd, cosigner: oldSm2);
        await AppendAsync(ledger, 3);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await ledger.RotateKeysAsync(newEd, newSm2, CancellationToken.None);
        var rotated = db.CreateLedger(newEd, cosigner: newSm2);
        await AppendAsync(rotated, 2);
        await rotated.SignCheckpointAsync(CancellationToken.None);

        var report = await new LedgerAuditor(db.CreateDataSource(), newEd.Verifier.ToVerifierKey(), cosignerKey: newSm2.Verifier.ToVerifierKey())
            .AuditAsync(CancellationToken.None);
        Assert.True(report.Passed, string.Join("; ", report.Findings));
        Assert.Equal(3, report.CheckpointsChecked);

        // Trusting only the previous key: the rotation does not lead to it, and the newest checkpoint does not verify.
        var stale = await new LedgerAuditor(db.CreateDataSource(), oldEd.Verifier.ToVerifierKey()).AuditAsync(CancellationToken.None);
        Assert.Contains(stale.Findings, f => f.Kind == "key.chain");
        Assert.Contains(stale.Findings, f => f.Kind == "checkpoint.signature");

        // A key that no rotation introduced verifies nothing.
        var stranger = await new LedgerAuditor(db.CreateDataSource(), NoteSigner.Generate(Origin).Verifier.ToVerifierKey()).AuditAsync(CancellationToken.None);
        Assert.False(stranger.Passed);
    }

    private static async Task AppendAsync(PostgresLedger ledger, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync("test.entry", new JsonObject { ["i"] = i });
        }
    }
}
