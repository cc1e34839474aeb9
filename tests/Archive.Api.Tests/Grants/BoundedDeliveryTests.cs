using System.Net;
using Archive.Api.Access.Delivery;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Grants;

/// <summary>
/// Issue 9 point 9: watermarking and masking run under a concurrency cap (503 when no slot frees in time) and content
/// reads are limited per principal (429 + Retry-After); both refusals happen before anything is ledgered.
/// </summary>
public sealed class BoundedDeliveryTests : IAsyncLifetime
{
    private GrantsHost _host = null!;
    private ArchivedProject _project = null!;

    public async Task InitializeAsync()
    {
        _host = await GrantsHost.StartAsync(new Dictionary<string, string?>
        {
            ["ARCHIVE_ACCESS_TRANSFORM_CONCURRENCY"] = "1",
            ["ARCHIVE_ACCESS_TRANSFORM_WAIT_SECONDS"] = "0",
            ["ARCHIVE_READS_PER_WINDOW"] = "4",
            // A long window, so the test never straddles a refill.
            ["ARCHIVE_READ_WINDOW_SECONDS"] = "3600",
        });
        _project = await _host.ArchiveProjectAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Watermarking_Returns503AndLedgersNothing_WhenEverySlotIsTaken_ThenDeliversOnceOneFrees()
    {
        var auditor = await GrantedAuditorAsync("赵审计");
        var url = _project.ItemUrl(ArchivedProject.PdfPath);
        var before = await LedgerSizeAsync();

        using (await _host.Services.GetRequiredService<TransformSlots>().EnterAsync(CancellationToken.None))
        {
            await (await auditor.GetAsync(url)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "access.transform-busy");
            await (await auditor.GetAsync(_project.ItemUrl(ArchivedProject.RecordPath))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "access.transform-busy");
            Assert.Equal(before, await LedgerSizeAsync());
        }

        var delivered = await auditor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.True(await LedgerSizeAsync() > before);
    }

    [Fact]
    public async Task Reads_Return429WithRetryAfterAndLedgerNothing_PastThePrincipalsLimit_WhileOthersStillRead()
    {
        var (_, archivistToken) = await _host.Admin.CreatePrincipalAsync("档案员甲", "archivist", "昆明市公共资源交易中心");
        var (_, otherToken) = await _host.Admin.CreatePrincipalAsync("档案员乙", "archivist", "昆明市公共资源交易中心");
        var archivist = _host.ClientWith(archivistToken);
        var url = _project.ItemUrl(ArchivedProject.VideoPath);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync(url)).StatusCode);
        }

        var before = await LedgerSizeAsync();
        var limited = await archivist.GetAsync(url);

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "access.rate-limited");
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 3600);
        Assert.Equal(before, await LedgerSizeAsync());
        await (await archivist.GetAsync($"/api/v1/projects/{Uri.EscapeDataString(_project.Code)}/versions/1/manifest"))
            .AssertProblemAsync(HttpStatusCode.TooManyRequests, "access.rate-limited");
        Assert.Equal(HttpStatusCode.OK, (await _host.ClientWith(otherToken).GetAsync(url)).StatusCode);
        // Metadata stays open: the catalogue and summaries are not content reads.
        Assert.Equal(HttpStatusCode.OK, (await archivist.GetAsync($"/api/v1/projects/{Uri.EscapeDataString(_project.Code)}")).StatusCode);
    }

    private async Task<HttpClient> GrantedAuditorAsync(string name)
    {
        var (_, auditor) = await _host.PrincipalAsync(name, "auditor", "某州市审计局");
        var (_, approver) = await _host.PrincipalAsync(name + "的审批人", "approver", "某州公共资源交易中心");
        await AccessCalls.GrantedAsync(auditor, approver, AccessCalls.RequestBody([_project.Code]));
        return auditor;
    }

    private Task<long> LedgerSizeAsync() => _host.Services.GetRequiredService<ILedger>().GetSizeAsync(CancellationToken.None);
}
