using System.Security.Claims;
using Archive.Api.Access.Requests;
using Archive.Api.Principals;
using Archive.Api.Problems;
using Archive.Ingest.Transfer;
using Microsoft.AspNetCore.Http.Features;
using NodaTime.Text;

namespace Archive.Api.Transfer;

/// <summary>
/// Transfer to a state archive (移交, CONTRACT §9): <c>POST /api/v1/transfers</c> streams the package as a zip and records
/// <c>transfer.exported</c> after its last byte; the list and one transfer read what was recorded. Refusals are
/// <see cref="TransferException"/>s, answered by the host's exception handler before any byte is sent.
/// </summary>
public static class TransfersApi
{
    /// <summary>Body of a transfer.</summary>
    /// <param name="Projects">Project codes; every sealed version of each is transferred.</param>
    /// <param name="Recipient">The receiving archive's name (e.g. 云南省档案馆).</param>
    /// <param name="RecipientCode">Its code, optional.</param>
    /// <param name="Note">A note for the handover form, optional.</param>
    public sealed record TransferBody(IReadOnlyList<string>? Projects, string? Recipient, string? RecipientCode, string? Note);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapTransfersApi(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup("/api/v1/transfers").WithTags("transfer").RequireAuthorization(p => p.RequireRole(Roles.Archivist));
        transfers.MapPost("/", ExportAsync)
            .WithSummary("向档案馆移交（档案员）：{projects:[编号], recipient, recipientCode?, note?} → 200 application/zip（边读边写）：每个封存版本一个 BagIt 数据包、著录 XML、移交清单与交接文据（XML 与 PDF）、XSD；写完后记账 transfer.exported（zip 的 SHA-256、接收单位、移交人、版本）。已销毁或副本有错误的版本答 409，且不作任何改变。");
        transfers.MapGet("/", ListAsync).WithSummary("已完成的移交（最近的在前），附 zip 的 SHA-256 与账本序号。");
        transfers.MapGet("/{id:guid}", GetAsync).WithSummary("一次移交的记录。");
        return app;
    }

    private static async Task<IResult> ExportAsync(TransferBody? body, Transfers transfers, HttpContext context, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = AccessCaller.From(user);
        // Every check runs (and every refusal is answered) before the first byte; then the zip streams as it is read.
        var plan = await transfers.PlanAsync(
            new TransferActor(caller.Id, caller.Name, caller.Organization),
            new TransferRecipient(body?.Recipient ?? string.Empty, body?.RecipientCode),
            body?.Projects,
            body?.Note,
            ct);
        var response = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"{plan.RootName}.zip\"";
        response.Headers["X-Transfer-Id"] = plan.Id.ToString("D");
        await transfers.WriteAsync(plan, response.Body, ct);
        return Results.Empty;
    }

    private static async Task<IResult> ListAsync(Transfers transfers, CancellationToken ct) =>
        TypedResults.Ok((await transfers.ListAsync(200, ct)).Select(View).ToList());

    private static async Task<IResult> GetAsync(Guid id, Transfers transfers, CancellationToken ct) =>
        await transfers.GetAsync(id, ct) is { } transfer
            ? TypedResults.Ok(View(transfer))
            : ApiProblem.NotFound("transfer.not-found", "没有该移交记录。");

    private static object View(TransferRecord t) => new
    {
        id = t.Id,
        recipient = t.Recipient.Name,
        recipientCode = t.Recipient.Code,
        note = t.Note,
        exportedBy = t.ExportedBy,
        exportedByName = t.ExportedByName,
        exportedAt = InstantPattern.ExtendedIso.Format(t.ExportedAt),
        packageSha256 = t.PackageSha256,
        packageBytes = t.PackageBytes,
        ledgerIndex = t.LedgerIndex,
        versions = t.Versions.Select(v => new { project = v.Project, version = v.Version, archivalCode = v.ArchivalCode, manifestSha256 = v.ManifestSha256 }),
    };
}
