using Archive.Core.Errors;
using Archive.Core.Streams;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Reading;
using Archive.Ingest.Reading.Internal;
using Archive.Ingest.Reporting;
using Archive.Ingest.Retention;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Transfer;

/// <summary>
/// Transfer to a state archive (移交, seed §5.6.3; CONTRACT §9): a zip, streamed as it is read, holding one BagIt bag per
/// sealed version of the requested projects (the offline bags through <see cref="BagZip"/>, checked member by member),
/// an archival description per version, the 移交清单 and the 交接文据 as XML and PDF, and the XSD they follow. When the last
/// byte is written, <c>transfer.exported</c> records the zip's SHA-256, the recipient, the archivist and the versions.
/// A transfer is a copy: nothing is deleted. Disposed or damaged versions are refused before anything is written.
/// </summary>
public sealed partial class Transfers(
    NpgsqlDataSource dataSource,
    ProjectCatalog catalog,
    BagZip bags,
    DisposalStore disposals,
    ArchivalCodes archivalCodes,
    VersionAccessStatuses accessStatuses,
    ITransferDocumentRenderer renderer,
    ILedger ledger,
    IClock clock)
{
    /// <summary>The ledger entry type of a completed transfer.</summary>
    public const string Exported = "transfer.exported";

    /// <summary>The most projects one transfer may cover.</summary>
    public const int MaxProjects = 100;

    /// <summary>The most versions one transfer may hold (so its <c>transfer.exported</c> entry stays well under 64 KiB).</summary>
    public const int MaxVersions = 200;

    /// <summary>
    /// Checks the request and every version, and plans each bag; nothing is written or recorded.
    /// </summary>
    /// <param name="actor">The archivist.</param>
    /// <param name="recipient">The receiving archive.</param>
    /// <param name="projects">Project codes (every sealed version of each is transferred).</param>
    /// <param name="note">Optional note.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="TransferException">Bad input (400), unknown project (404), nothing sealed, disposed or damaged (409).</exception>
    public async Task<TransferPlan> PlanAsync(TransferActor actor, TransferRecipient recipient, IReadOnlyList<string>? projects, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(recipient);
        recipient = new TransferRecipient(
            Text(recipient.Name, 200, "recipient", "接收档案馆名称") ?? throw Invalid("transfer.recipient", "须填写接收档案馆名称（recipient）。", "recipient"),
            Text(recipient.Code, 64, "recipientCode", "接收档案馆代码"));
        note = Text(note, 1000, "note", "备注");
        if (projects is not { Count: > 0 and <= MaxProjects } || projects.Any(string.IsNullOrWhiteSpace))
        {
            throw Invalid("transfer.projects", $"projects 须列出 1 至 {MaxProjects} 个项目编号。", "projects");
        }

        var versions = new List<(TransferVersion Version, SealedVersion Sealed)>();
        foreach (var code in projects.Select(ProjectCatalog.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            versions.AddRange(await VersionsOfAsync(code, ct));
        }

        if (versions.Count > MaxVersions)
        {
            throw Invalid("transfer.too-many-versions", $"一次移交最多 {MaxVersions} 个封存版本，本次共 {versions.Count} 个，请分批移交。", "projects");
        }

        var planned = new List<TransferVersion>(versions.Count);
        var bagPlans = new List<BagZipPlan>(versions.Count);
        var roots = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (version, sealedVersion) in versions)
        {
            var bag = await bags.PlanAsync(sealedVersion, version.Items, ct);
            // The bag's own root name (derived from the code, never the code itself), made unique in the package.
            var root = bag.RootName;
            for (var n = 2; !roots.Add(root); n++)
            {
                root = $"{bag.RootName}-{n}";
            }

            planned.Add(version with { BagRoot = root });
            bagPlans.Add(bag);
        }

        return new TransferPlan(Guid.CreateVersion7(), recipient, actor, note, clock.GetCurrentInstant(), planned, bagPlans);
    }

    /// <summary>
    /// Writes the package onto <paramref name="output"/> as it reads it, then records <c>transfer.exported</c> with the
    /// SHA-256 of the bytes written. A failure part-way leaves an incomplete zip and records nothing.
    /// </summary>
    /// <param name="plan">The plan from <see cref="PlanAsync"/>.</param>
    /// <param name="output">Where the zip goes (e.g. an HTTP response body); need not seek.</param>
    /// <param name="ct">Cancels the copy.</param>
    /// <returns>The recorded transfer.</returns>
    /// <exception cref="CopyUnavailableException">A bag member is missing or not its sealed bytes; nothing recorded.</exception>
    public async Task<TransferRecord> WriteAsync(TransferPlan plan, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        // The documents are rendered before the first byte, so only a store can fail part-way.
        var root = plan.RootName + "/";
        var documents = new List<(string Name, byte[] Bytes)>
        {
            (root + "transfer-list.xml", TransferXml.List(plan)),
            (root + "transfer-list.pdf", renderer.RenderList(plan)),
            (root + "handover-form.xml", TransferXml.Handover(plan)),
            (root + "handover-form.pdf", renderer.RenderHandover(plan)),
            (root + "schemas/" + TransferXml.SchemaFileName, TransferXml.SchemaBytes()),
        };
        documents.AddRange(plan.Versions.Select(v => (root + "descriptions/" + v.BagRoot + ".xml", TransferXml.Description(plan, v))));

        await using var hashing = new HashingWriteStream(output);
        var zip = new ZipStreamWriter(hashing, plan.CreatedAt.InZone(BeijingTime.Zone).LocalDateTime);
        foreach (var (name, bytes) in documents)
        {
            await zip.AddAsync(name, new MemoryStream(bytes, writable: false), bytes.Length, null, ct);
        }

        for (var i = 0; i < plan.Versions.Count; i++)
        {
            await bags.AddToAsync(plan.Bags[i], zip, root + "bags/" + plan.Versions[i].BagRoot, ct);
        }

        await zip.FinishAsync(ct);
        await hashing.FlushAsync(ct);
        // Every byte left: the record is written even if the caller gives up now.
        return await RecordAsync(plan, hashing.Sha256Hex(), hashing.BytesWritten, CancellationToken.None);
    }

    private async Task<IReadOnlyList<(TransferVersion, SealedVersion)>> VersionsOfAsync(string code, CancellationToken ct)
    {
        var summary = await catalog.GetSummaryAsync(code, ct)
            ?? throw new TransferException(ErrorKind.NotFound, "project.not-found", $"没有项目 {code} 的档案。", "projects");
        code = summary.Project.Code;
        if (summary.Versions.Count == 0)
        {
            throw new TransferException(ErrorKind.Conflict, "transfer.not-sealed", $"项目 {code} 尚无封存版本，不能移交。", "projects");
        }

        var codes = await archivalCodes.OfProjectAsync(code, ct);
        var statuses = await accessStatuses.OfProjectAsync(code, ct);
        var result = new List<(TransferVersion, SealedVersion)>();
        var disposedItems = await disposals.DisposedItemsAsync(code, ct);
        foreach (var v in summary.Versions.OrderBy(v => v.Version))
        {
            if (await disposals.TombstoneOfAsync(code, v.Version, ct) is { } tombstone)
            {
                throw new TransferException(ErrorKind.Conflict, "transfer.disposed",
                    $"项目 {code} 第 {v.Version} 版的内容已销毁（账本第 {tombstone} 条 retention.disposed），不能移交。", "projects");
            }

            // Its bag lacks the disposed item's payload file: not a bag a state archive could validate.
            if (disposedItems.FirstOrDefault(d => d.Version == v.Version) is { Path: { } path } item)
            {
                throw new TransferException(ErrorKind.Conflict, "transfer.disposed",
                    $"项目 {code} 第 {v.Version} 版的条目“{path}”已销毁（账本第 {item.TombstoneEntry} 条 retention.disposed），该版不能移交。", "projects");
            }

            if (v.OnlineState == "damaged" || v.OfflineState == "damaged" || await HasCustodyErrorsAsync(code, v.Version, ct))
            {
                throw new TransferException(ErrorKind.Conflict, "transfer.copy-damaged",
                    $"项目 {code} 第 {v.Version} 版的存储副本检测出错误（损坏或丢失，尚未修复），修复并复核后方可移交。", "projects");
            }

            var sealedVersion = await catalog.FindVersionAsync(code, v.Version, ct)
                ?? throw new InvalidOperationException($"Version {v.Version} of '{code}' disappeared while planning a transfer.");
            var items = await catalog.ItemsAsync(sealedVersion, ct);
            var status = statuses.GetValueOrDefault(v.Version);
            result.Add((new TransferVersion(summary.Project, v.Version, v.SealedAt, v.ManifestSha256, v.LedgerIndex,
                codes.GetValueOrDefault(v.Version), v.RetainUntil, status?.OpenStatus, status?.Classification, summary.Parties, items, string.Empty), sealedVersion));
        }

        return result;
    }

    private async Task<bool> HasCustodyErrorsAsync(string code, int version, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM custody.objects WHERE project_code = $1 AND version = $2 AND state IN ('failed', 'lost'))");
        cmd.Parameters.Add(new() { Value = code });
        cmd.Parameters.Add(new() { Value = version });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string? Text(string? value, int max, string field, string label)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length > max || value.Any(char.IsControl)
            ? throw Invalid("transfer." + field, $"{label}不得超过 {max} 个字符，也不得含控制字符。", field)
            : value;
    }

    private static TransferException Invalid(string code, string message, string field) => new(ErrorKind.Invalid, code, message, field);
}
