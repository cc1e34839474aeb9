using System.Net;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Roles;

/// <summary>
/// Issue 9 point 4: every role against every entry type. Checkpoints, key and proofs are open to all; entry bytes follow
/// the rule of <c>LedgerEntryVisibility</c> (README "Who sees the ledger").
/// </summary>
public sealed class LedgerVisibilityTests(LedgerVisibilityFixture fixture) : IClassFixture<LedgerVisibilityFixture>
{
    private static readonly string[] RoleLabels =
        ["archivist", "approver", "audit-admin", "admin", "security-admin", "auditor-own", "auditor-other", "ingest-own", "ingest-other"];

    // Entry label → the role labels that may read it. Archivists, approvers and the audit administrator read everything.
    private static readonly Dictionary<string, string[]> Readers = new(StringComparer.Ordinal)
    {
        ["principal.created/auditor-own"] = ["admin", "security-admin", "auditor-own"],
        ["principal.proposed/auditor-other"] = ["admin", "security-admin", "auditor-other"],
        ["principal.confirmed/auditor-other"] = ["admin", "security-admin", "auditor-other"],
        ["principal.codes-bound/ingest-other"] = ["admin", "security-admin", "ingest-other"],
        ["principal.token-rotated/auditor-own"] = ["admin", "security-admin", "auditor-own"],
        ["package.sealed/ingest-own"] = ["ingest-own"],
        ["item.quarantined/ingest-own"] = ["ingest-own"],
        ["access.requested/auditor-own"] = ["auditor-own"],
        ["access.decided/auditor-own"] = ["auditor-own"],
        ["access.read/auditor-own"] = ["auditor-own"],
        ["access.delivered/auditor-own"] = ["auditor-own"],
        ["access.read/archivist"] = [],
        ["access.delivered/archivist"] = [],
        ["verification.completed"] = [],
        ["copy.repaired"] = [],
        ["ledger.audited"] = [],
    };

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (entry, readers) in Readers)
        {
            foreach (var role in RoleLabels)
            {
                data.Add(entry, role, role is "archivist" or "approver" or "audit-admin" || readers.Contains(role));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LedgerEntry_IsReadableOnlyByTheRolesTheRuleNames(string entry, string role, bool readable)
    {
        var response = await fixture.Clients[role].GetAsync($"/api/v1/ledger/entries/{fixture.Entries[entry]}");

        if (readable)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should read {entry}: {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "ledger.entry-forbidden");
        }
    }

    [Fact]
    public void EveryEntryOfTheFixture_IsInTheTable() =>
        Assert.Equal(fixture.Entries.Keys.Order(StringComparer.Ordinal), Readers.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(RoleData))]
    public async Task CheckpointKeyAndProofs_AreOpenToEveryRole(string role)
    {
        var client = fixture.Clients[role];
        var note = await client.WaitForCheckpointCoveringAsync(fixture.Entries["ledger.audited"]);
        var size = long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/ledger/key")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/ledger/proof/inclusion?index={fixture.Entries["access.requested/auditor-own"]}&treeSize={size}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/ledger/proof/consistency?from=1&to={size}")).StatusCode);
    }

    public static TheoryData<string> RoleData() => new(RoleLabels);
}
