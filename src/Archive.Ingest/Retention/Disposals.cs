using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Integrity.Ledger;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Ingest.Retention;

/// <summary>
/// Disposal appraisals (销毁鉴定): an archivist proposes (<c>disposal.proposed</c>), an appraisal group of at least
/// <see cref="GroupSize"/> approvers decides (<c>appraisal.decided</c> each; none of them the proposer). One "keep"
/// ends the appraisal with retention extended to its new date; <see cref="GroupSize"/> "dispose" decisions send it to
/// <see cref="IDisposalScheduler"/>. A project not yet due, under hold or already in an open appraisal is refused
/// (409) and nothing changes. Single items whose own retention ended before their version's can be proposed the same way
/// (<see cref="DisposalItem"/>; Disposals.Items.cs).
/// </summary>
public sealed partial class Disposals(NpgsqlDataSource dataSource, ILedger ledger, IClock clock, IDisposalScheduler scheduler)
{
    /// <summary>How many approvers must decide "dispose" (the appraisal group, 鉴定小组).</summary>
    public const int GroupSize = 2;

    /// <summary>The most projects one proposal may cover.</summary>
    public const int MaxProjects = 100;

    /// <summary>The most items one proposal may cover on their own.</summary>
    public const int MaxItems = 1000;

    /// <summary>Proposes the disposal of projects whose retention has ended, and/or of single items whose own retention has.</summary>
    /// <param name="actor">The archivist.</param>
    /// <param name="projects">Project codes (whole projects), or null.</param>
    /// <param name="items">Single items, or null; at least one project or item.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The new disposal, status <c>appraising</c>.</returns>
    /// <exception cref="RetentionException">Bad input (400), unknown project or item (404), not due, held or already proposed (409).</exception>
    public async Task<Disposal> ProposeAsync(
        RetentionActor actor, IReadOnlyList<string>? projects, IReadOnlyList<DisposalItem>? items, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        reason = LegalHolds.Required(reason, LegalHolds.MaxReasonLength, "reason", "销毁理由");
        projects ??= [];
        items ??= [];
        if (projects.Count > MaxProjects || projects.Any(string.IsNullOrWhiteSpace) || (projects.Count == 0 && items.Count == 0))
        {
            throw new RetentionException(ErrorKind.Invalid, "disposal.projects", $"projects 须列出 1 至 {MaxProjects} 个项目编号（或以 items 列出条目）。", "projects");
        }

        var requestedItems = ValidItems(items);
        var today = RetentionQueries.Today(clock);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var codes = new List<string>();
        // Locked in one order, so two proposals over the same projects never deadlock.
        foreach (var requested in projects.Select(RetentionQueries.Normalize).Concat(requestedItems.Select(i => i.ProjectCode))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var code = await RetentionQueries.LockProjectAsync(conn, tx, requested, ct)
                ?? throw new RetentionException(ErrorKind.NotFound, "project.not-found", $"没有项目 {requested} 的档案。", "projects");
            if (projects.Any(p => RetentionQueries.Normalize(p) == requested))
            {
                await RefuseUnlessDueAsync(conn, tx, code, today, ct);
                codes.Add(code);
            }
        }

        // An item of a project disposed whole in the same proposal goes with its project.
        var itemList = requestedItems.Where(i => !codes.Contains(i.ProjectCode, StringComparer.Ordinal)).ToList();
        foreach (var item in itemList)
        {
            await RefuseUnlessItemDueAsync(conn, tx, item, today, ct);
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetCurrentInstant();
        var fields = new JsonObject
        {
            ["disposal"] = id.ToString(),
            ["projects"] = new JsonArray(codes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["reason"] = reason,
            ["principal"] = actor.Id.ToString(),
            ["principalName"] = actor.Name,
        };
        AddItems(fields, itemList);
        var entry = await ledger.AppendInTransactionAsync(conn, tx, RetentionEntries.DisposalProposed, fields, null, ct);
        await RetentionQueries.ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.disposals (id, status, reason, proposed_by, proposed_by_name, proposed_at, proposed_entry)
            VALUES ($1, 'appraising', $2, $3, $4, $5, $6)
            """, ct, id, reason, actor.Id, actor.Name, now, entry.Index);
        await RetentionQueries.ExecuteAsync(conn, tx,
            "INSERT INTO ingest.disposal_projects (disposal_id, project_code) SELECT $1, unnest($2::text[])", ct, id, codes.ToArray());
        await RetentionQueries.ExecuteAsync(conn, tx,
            "INSERT INTO ingest.disposal_items (disposal_id, project_code, version, path) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])", ct,
            id, itemList.Select(i => i.ProjectCode).ToArray(), itemList.Select(i => i.Version).ToArray(), itemList.Select(i => i.Path).ToArray());

        await tx.CommitAsync(ct);
        return new Disposal(id, DisposalStore.Appraising, codes, reason, actor.Id, actor.Name, now, entry.Index, [], null, null, null, null) { Items = itemList };
    }

    private static async Task RefuseUnlessDueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string code, LocalDate today, CancellationToken ct)
    {
        var versions = await RetentionQueries.RetentionOfAsync(conn, tx, code, ct);
        if (versions.Count == 0)
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.nothing-to-dispose", $"项目 {code} 没有可销毁的封存版本（尚未封存或已销毁）。", "projects");
        }

        if (versions.Any(v => v.Until is null))
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.permanent", $"项目 {code} 含永久保管的版本，不能销毁。", "projects");
        }

        var last = versions.Max(v => v.Until!.Value);
        if (last >= today)
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.not-due",
                $"项目 {code} 的保管期限至 {LocalDatePattern.Iso.Format(last)} 止，尚未到期，不能销毁。", "projects");
        }

        if (await RetentionQueries.ActiveHoldsAsync(conn, tx, code, ct) > 0)
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.held", $"项目 {code} 处于法律冻结（保全）中，解除前不能销毁。", "projects");
        }

        await using var open = new NpgsqlCommand(
            """
            SELECT 1 FROM ingest.disposals d
            WHERE d.status IN ('appraising', 'disposing', 'waiting')
              AND (EXISTS (SELECT 1 FROM ingest.disposal_projects p WHERE p.disposal_id = d.id AND p.project_code = $1)
                   OR EXISTS (SELECT 1 FROM ingest.disposal_items i WHERE i.disposal_id = d.id AND i.project_code = $1))
            """, conn, tx);
        open.Parameters.Add(new() { Value = code });
        if (await open.ExecuteScalarAsync(ct) is not null)
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.already-proposed", $"项目 {code} 已在另一项销毁鉴定中。", "projects");
        }
    }
}
