using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Roles;

/// <summary>
/// One host holding an entry of every type, each with a known owner: platform A's sealed project, the access story of
/// one agency (request, decision, read, delivery), an archivist's own read, principal changes, and the custody entries
/// (verification, repair, ledger audit). A client per role, and for the owner-scoped roles one owner and one stranger.
/// </summary>
public sealed class LedgerVisibilityFixture : IAsyncLifetime
{
    public GrantsHost Host { get; private set; } = null!;

    /// <summary>Clients by role label: archivist, approver, audit-admin, admin, security-admin, auditor-own, auditor-other, ingest-own, ingest-other.</summary>
    public Dictionary<string, HttpClient> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>Ledger indices by entry label (e.g. <c>package.sealed</c>, <c>access.read/auditor</c>).</summary>
    public Dictionary<string, long> Entries { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Host = await GrantsHost.StartAsync();
        var admin = Host.Admin;
        Clients["admin"] = admin;
        Clients["ingest-own"] = Host.Ingest;
        var (archivistId, archivist) = await Host.PrincipalAsync("档案员", "archivist", "云南省公共资源交易中心");
        Clients["archivist"] = archivist;
        Clients["approver"] = (await Host.PrincipalAsync("审批人", "approver", "云南省公共资源交易中心")).Client;
        Clients["audit-admin"] = (await Host.PrincipalAsync("安全审计员", "audit-admin", "云南省公共资源交易中心")).Client;
        Clients["security-admin"] = Host.ClientWith(await ApiCalls.SecurityAdminTokenAsync(admin));
        var (auditorId, auditor) = await Host.PrincipalAsync("纪检干部", "auditor", "某州市纪委监委");
        Clients["auditor-own"] = auditor;
        var (otherAuditorId, otherAuditor) = await Host.PrincipalAsync("审计员", "auditor", "某县审计局");
        Clients["auditor-other"] = otherAuditor;
        var (otherIngestId, otherIngestToken) = await admin.CreatePrincipalAsync("大理州电子交易系统", "ingest", "大理州公共资源交易中心", ["5329"]);
        Clients["ingest-other"] = Host.ClientWith(otherIngestToken);

        var project = await Host.ArchiveProjectAsync();
        var granted = await AccessCalls.GrantedAsync(auditor, Clients["approver"], AccessCalls.RequestBody([project.Code]));
        (await auditor.GetAsync(project.ItemUrl(ArchivedProject.VideoPath))).EnsureSuccessStatusCode();
        (await archivist.GetAsync(project.ItemUrl(ArchivedProject.VideoPath))).EnsureSuccessStatusCode();
        (await auditor.PostAsync("/api/v1/principals/me/token", null)).EnsureSuccessStatusCode();

        var all = await LedgerReading.AllEntriesAsync(Clients["audit-admin"]);
        long Find(string type, Func<JsonElement, bool> match) =>
            Enumerable.Range(0, all.Count).Single(i => all[i].GetProperty("type").GetString() == type && match(all[i]));
        bool Names(JsonElement e, string field, Guid id) => e.TryGetProperty(field, out var v) && v.GetString() == id.ToString();

        var request = granted.GetProperty("id").GetGuid();
        Entries["principal.created/auditor-own"] = Find("principal.created", e => Names(e, "principal", auditorId));
        Entries["principal.proposed/auditor-other"] = Find("principal.proposed", e => Names(e, "principal", otherAuditorId));
        Entries["principal.confirmed/auditor-other"] = Find("principal.confirmed", e => Names(e, "principal", otherAuditorId));
        Entries["principal.codes-bound/ingest-other"] = Find("principal.codes-bound", e => Names(e, "principal", otherIngestId));
        Entries["principal.token-rotated/auditor-own"] = Find("principal.token-rotated", e => Names(e, "principal", auditorId));
        Entries["package.sealed/ingest-own"] = Find("package.sealed", _ => true);
        Entries["access.requested/auditor-own"] = Find("access.requested", e => Names(e, "request", request));
        Entries["access.decided/auditor-own"] = Find("access.decided", e => Names(e, "request", request));
        var read = Find("access.read", e => Names(e, "request", request));
        Entries["access.read/auditor-own"] = read;
        Entries["access.delivered/auditor-own"] = Find("access.delivered", e => e.GetProperty("readEntry").GetInt64() == read);
        var archivistRead = Find("access.read", e => Names(e, "principal", archivistId));
        Entries["access.read/archivist"] = archivistRead;
        Entries["access.delivered/archivist"] = Find("access.delivered", e => e.GetProperty("readEntry").GetInt64() == archivistRead);

        // The custody and quarantine entries come from background jobs; their shapes are appended as those jobs write them.
        var submission = all[(int)Entries["package.sealed/ingest-own"]].GetProperty("submission").GetString();
        var ledger = Host.Services.GetRequiredService<ILedger>();
        Entries["item.quarantined/ingest-own"] = (await ledger.AppendAsync("item.quarantined",
            new JsonObject { ["project"] = project.Code, ["submission"] = submission, ["path"] = "文件/病毒.pdf" }, null, CancellationToken.None)).Index;
        Entries["verification.completed"] = (await ledger.AppendAsync("verification.completed",
            new JsonObject { ["run"] = Guid.NewGuid().ToString(), ["objectsChecked"] = 6 }, null, CancellationToken.None)).Index;
        Entries["copy.repaired"] = (await ledger.AppendAsync("copy.repaired",
            new JsonObject { ["project"] = project.Code, ["version"] = 1, ["copy"] = "offline" }, null, CancellationToken.None)).Index;
        Entries["ledger.audited"] = (await ledger.AppendAsync("ledger.audited", new JsonObject { ["treeSize"] = all.Count }, null, CancellationToken.None)).Index;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
