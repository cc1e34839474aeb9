using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Access;
using Archive.Api.Access.Requests;
using Archive.Api.Problems;
using Archive.Api.Tests.Infrastructure;
using Archive.Core.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Grants;

/// <summary>Bad input and forbidden moves: each a clear problem+json, and nothing changed (no request, no ledger entry).</summary>
public sealed class AccessRefusalTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    private static int _agencies;

    private GrantsHost Host => fixture.Host;

    private ArchivedProject Project => fixture.Project;

    private Task<(Guid Id, HttpClient Client)> AuditorAsync(string? organization = null) =>
        Host.PrincipalAsync("审计员", "auditor", organization ?? $"某州市审计局{Interlocked.Increment(ref _agencies)}");

    private Task<(Guid Id, HttpClient Client)> ApproverAsync(string organization = "某州公共资源交易中心") =>
        Host.PrincipalAsync("审批人", "approver", organization);

    public static TheoryData<string, string, string> BadRequests() => new()
    {
        { "unknown project", """{"projects":["Z530100999999999X"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":10}""", "access.project-unknown" },
        { "no projects", """{"projects":[],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":10}""", "access.projects-required" },
        { "zero days", """{"projects":["@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":0}""", "access.days-past" },
        { "negative days", """{"projects":["@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":-30}""", "access.days-past" },
        { "absurd days", """{"projects":["@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":36500}""", "access.days-too-long" },
        { "fractional days", """{"projects":["@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":1.5}""", "access.days" },
        { "no legal basis", """{"projects":["@"],"scope":"read","purpose":"核查","days":10}""", "access.legal-basis-required" },
        { "empty document number", """{"projects":["@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"  ","issuer":"某州审计局"},"days":10}""", "access.legal-basis-number" },
        { "no issuer", """{"projects":["@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号"},"days":10}""", "access.legal-basis-issuer" },
        { "empty purpose", """{"projects":["@"],"scope":"read","purpose":"","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":10}""", "access.purpose-required" },
        { "bad scope", """{"projects":["@"],"scope":"export","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":10}""", "access.scope" },
        { "duplicate project", """{"projects":["@","@"],"scope":"read","purpose":"核查","legalBasis":{"documentNumber":"审调〔2026〕1号","issuer":"某州审计局"},"days":10}""", "access.project-duplicate" },
        { "not json", "{projects:", "access.body" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Request_Returns400AndStoresNothing_WhenInputIsBad(string why, string body, string code)
    {
        var (_, auditor) = await AuditorAsync();
        var before = await fixture.LedgerSizeAsync();

        var response = await auditor.PostAsync("/api/v1/access-requests",
            new StringContent(body.Replace("@", Project.Code, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.False(string.IsNullOrEmpty(why));
        Assert.Empty(await auditor.GetFromJsonAsync<JsonElement[]>("/api/v1/access-requests") ?? []);
        Assert.Equal(before, await fixture.LedgerSizeAsync());
        _ = problem;
    }

    [Fact]
    public async Task Request_ListsEveryProblemAtOnce_WhenSeveralFieldsAreBad()
    {
        var (_, auditor) = await AuditorAsync();

        var response = await auditor.PostAsJsonAsync("/api/v1/access-requests", new { projects = new[] { "Z530100999999999X" }, scope = "read", purpose = "", days = 0 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "access.purpose-required");
        var codes = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Equal(["access.purpose-required", "access.legal-basis-required", "access.days-past"], codes);
    }

    [Fact]
    public async Task Request_TooManyProjects_Returns400()
    {
        var (_, auditor) = await AuditorAsync();
        var codes = Enumerable.Range(0, 51).Select(i => $"Z5301000000000{i:D3}").ToArray();

        var response = await auditor.PostAsJsonAsync("/api/v1/access-requests", AccessCalls.RequestBody(codes));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "access.projects-too-many");
    }

    [Fact]
    public async Task Decision_Returns409AndChangesNothing_WhenRequestWasDecided()
    {
        var (_, auditor) = await AuditorAsync();
        var (_, approver) = await ApproverAsync();
        var (_, second) = await ApproverAsync("某州发展改革委");
        var granted = await AccessCalls.GrantedAsync(auditor, approver, AccessCalls.RequestBody([Project.Code]));
        var id = granted.GetProperty("id").GetGuid();
        var before = await fixture.LedgerSizeAsync();

        await (await second.DecideAsync(id, false, "不同意")).AssertProblemAsync(HttpStatusCode.Conflict, "access.already-decided");
        await (await approver.DecideAsync(id, true)).AssertProblemAsync(HttpStatusCode.Conflict, "access.already-decided");

        var after = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{id}");
        Assert.Equal("approved", after.GetProperty("status").GetString());
        Assert.Equal(1, after.GetProperty("decisions").GetArrayLength());
        Assert.Equal(before, await fixture.LedgerSizeAsync());
    }

    [Fact]
    public async Task Decision_IsRefused_ForRejectionWithoutReason_AndForApproverOfTheSameOrganisation()
    {
        var (_, auditor) = await AuditorAsync("某州公共资源交易中心");
        var (_, colleague) = await ApproverAsync("某州公共资源交易中心");
        var (_, approver) = await ApproverAsync("某州财政局");
        var id = (await auditor.FileAsync(AccessCalls.RequestBody([Project.Code]))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await auditor.UploadAsync(id, AccessCalls.LegalDocumentScan())).StatusCode);

        await (await colleague.DecideAsync(id, true)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.same-organization");
        await (await approver.DecideAsync(id, false, comment: null)).AssertProblemAsync(HttpStatusCode.BadRequest, "access.comment-required");
        var rejected = await approver.DecideAsync(id, false, "依据不足");

        Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await (await auditor.GetAsync(Project.ItemUrl(ArchivedProject.VideoPath))).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
    }

    [Fact]
    public async Task Copy_NeedsTwoLevels_FromTwoDifferentApprovers()
    {
        var (_, auditor) = await AuditorAsync();
        var (_, first) = await ApproverAsync();
        var (_, second) = await ApproverAsync("某州公共资源交易管理办公室");
        var bagUrl = $"/api/v1/projects/{Uri.EscapeDataString(Project.Code)}/versions/1/bag";
        var id = (await auditor.FileAsync(AccessCalls.RequestBody([Project.Code], "copy"))).GetProperty("id").GetGuid();
        await auditor.UploadAsync(id, AccessCalls.LegalDocumentScan());

        var afterFirst = await (await first.DecideAsync(id, true)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", afterFirst.GetProperty("status").GetString());
        Assert.Equal(2, afterFirst.GetProperty("levelsRequired").GetInt32());
        await (await auditor.GetAsync(bagUrl)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        await (await first.DecideAsync(id, true)).AssertProblemAsync(HttpStatusCode.Conflict, "access.same-approver");

        var afterSecond = await (await second.DecideAsync(id, true)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", afterSecond.GetProperty("status").GetString());
        var level2 = await auditor.EntryAsync(afterSecond.GetProperty("decisions")[1].GetProperty("ledgerIndex").GetInt64());
        Assert.Equal(2, level2.GetProperty("level").GetInt32());
        Assert.Equal(afterSecond.GetProperty("requestedEntry").GetInt64(), level2.GetProperty("requestEntry").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(bagUrl, HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }

    [Fact]
    public async Task RevokedGrant_Returns403AtOnce_AndCannotBeRevokedOrDecidedAgain()
    {
        var (_, auditor) = await AuditorAsync();
        var (_, approver) = await ApproverAsync();
        var granted = await AccessCalls.GrantedAsync(auditor, approver, AccessCalls.RequestBody([Project.Code]));
        var grantId = granted.GetProperty("grant").GetProperty("id").GetGuid();
        var url = Project.ItemUrl(ArchivedProject.VideoPath);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(url)).StatusCode);

        await (await approver.PostAsJsonAsync($"/api/v1/access-grants/{grantId}/revoke", new { reason = "" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "access.reason-required");
        await (await auditor.PostAsJsonAsync($"/api/v1/access-grants/{grantId}/revoke", new { reason = "自行撤销" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        var revoked = await approver.PostAsJsonAsync($"/api/v1/access-grants/{grantId}/revoke", new { reason = "调查已终结" });
        var view = await revoked.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("revoked", view.GetProperty("status").GetString());
        var entry = await auditor.EntryAsync(view.GetProperty("grant").GetProperty("revokedEntry").GetInt64());
        Assert.Equal("access.revoked", entry.GetProperty("type").GetString());
        Assert.Equal(grantId.ToString(), entry.GetProperty("grant").GetString());
        await (await auditor.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        var before = await fixture.LedgerSizeAsync();
        await (await Host.Admin.PostAsJsonAsync($"/api/v1/access-grants/{grantId}/revoke", new { reason = "再次撤销" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "access.grant-revoked");
        await (await approver.DecideAsync(granted.GetProperty("id").GetGuid(), true)).AssertProblemAsync(HttpStatusCode.Conflict, "access.already-decided");
        await (await approver.PostAsJsonAsync($"/api/v1/access-grants/{Guid.NewGuid()}/revoke", new { reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "access.grant-not-found");
        Assert.Equal(before, await fixture.LedgerSizeAsync());
    }

    [Fact]
    public async Task DeletedPrincipal_TokenIsRefused_AndItsGrantsAreRevokedInTheLedger()
    {
        var (auditorId, auditor) = await AuditorAsync();
        var (_, approver) = await ApproverAsync();
        var granted = await AccessCalls.GrantedAsync(auditor, approver, AccessCalls.RequestBody([Project.Code]));
        var id = granted.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/v1/principals/{auditorId}")).StatusCode);

        await (await auditor.GetAsync(Project.ItemUrl(ArchivedProject.VideoPath))).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await (await auditor.PostAsJsonAsync("/api/v1/access-requests", AccessCalls.RequestBody([Project.Code])))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        var view = await approver.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{id}");
        Assert.Equal("revoked", view.GetProperty("status").GetString());
        var entry = await approver.EntryAsync(view.GetProperty("grant").GetProperty("revokedEntry").GetInt64());
        Assert.Equal("access.revoked", entry.GetProperty("type").GetString());
        Assert.Equal(auditorId.ToString(), entry.GetProperty("principal").GetString());
    }

    [Fact]
    public async Task Document_IsRefused_WhenNotAScanFormat_TooLarge_Replaced_OrFromAnotherPrincipal()
    {
        var organization = $"某州市纪委监委{Interlocked.Increment(ref _agencies)}";
        var (_, auditor) = await AuditorAsync(organization);
        var (_, colleague) = await AuditorAsync(organization);
        var id = (await auditor.FileAsync(AccessCalls.RequestBody([Project.Code]))).GetProperty("id").GetGuid();
        var before = await fixture.LedgerSizeAsync();

        await (await auditor.UploadAsync(id, "这不是扫描件"u8.ToArray(), "application/pdf")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "access.document-type");
        var huge = new byte[AccessFixture.MaxDocumentBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(huge);
        await (await auditor.UploadAsync(id, huge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "access.document-too-large");
        await (await auditor.UploadAsync(id, [])).AssertProblemAsync(HttpStatusCode.BadRequest, "access.document-empty");
        await (await colleague.UploadAsync(id, AccessCalls.LegalDocumentScan())).AssertProblemAsync(HttpStatusCode.Forbidden, "access.not-requester");
        Assert.Equal(before, await fixture.LedgerSizeAsync());
        Assert.Equal(JsonValueKind.Null, (await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/access-requests/{id}")).GetProperty("document").ValueKind);

        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        Assert.Equal(HttpStatusCode.Created, (await auditor.UploadAsync(id, png, "image/png")).StatusCode);
        await (await auditor.UploadAsync(id, AccessCalls.LegalDocumentScan())).AssertProblemAsync(HttpStatusCode.Conflict, "access.document-exists");
        var (_, approver) = await ApproverAsync();
        var scan = await approver.GetAsync($"/api/v1/access-requests/{id}/document");
        Assert.Equal("image/png", scan.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await scan.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Workflow_RefusesTheRequesterAsDecider_EvenWithAnApproverRole()
    {
        // Roles are one per principal, so HTTP already answers 403 auth.forbidden; the workflow refuses on its own too.
        var (auditorId, auditor) = await AuditorAsync();
        var id = (await auditor.FileAsync(AccessCalls.RequestBody([Project.Code]))).GetProperty("id").GetGuid();
        await auditor.UploadAsync(id, AccessCalls.LegalDocumentScan());
        var workflow = Host.Services.GetRequiredService<AccessWorkflow>();

        var e = await Assert.ThrowsAsync<AccessWorkflowException>(() =>
            workflow.DecideAsync(new AccessCaller(auditorId, "审计员", "approver", "某州公共资源交易中心"), id, true, null, CancellationToken.None));

        Assert.Equal("access.self-decision", e.Code);
        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.Equal(403, ExceptionProblems.StatusOf(e.Kind));
    }

    [Fact]
    public async Task AccessLog_RejectsBadFilters_WithStableCodes()
    {
        var (_, archivist) = await Host.PrincipalAsync("档案员", "archivist", "某州公共资源交易中心");

        await (await archivist.GetAsync("/api/v1/access-log?from=2026-13-01")).AssertProblemAsync(HttpStatusCode.BadRequest, "access-log.time");
        await (await archivist.GetAsync("/api/v1/access-log?principal=nobody")).AssertProblemAsync(HttpStatusCode.BadRequest, "access-log.principal");
        await (await archivist.GetAsync("/api/v1/access-log?from=2026-02-01&to=2026-01-01")).AssertProblemAsync(HttpStatusCode.BadRequest, "access-log.range");
        await (await archivist.GetAsync("/api/v1/access-log?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "access-log.limit");
    }
}
