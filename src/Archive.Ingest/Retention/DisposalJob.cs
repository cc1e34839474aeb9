using Archive.Ingest.Hosting;
using Archive.Ingest.Reading;
using Archive.Ingest.Sealing;
using Archive.Integrity.Bags;
using Archive.Integrity.Custody;
using Archive.Integrity.Manifests;
using Archive.Storage;
using Hangfire;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Retention;

/// <summary>
/// Carries out a decided disposal, idempotently (a retry continues where it stopped): while any project is held, or
/// any store still locks an object to delete, the disposal waits (<c>waiting</c>, with the reason) and the daily run
/// tries again. Otherwise: the 销毁清册 PDF is stored in both stores under its own key first; then the content is
/// deleted from both stores (content-addressed objects only when nothing not disposed — another version, another item —
/// still references the same bytes; the bag's payload files); custody forgets the deleted objects; a
/// <c>retention.disposed</c> tombstone per version (and per version whose single items it disposes) is appended.
/// Manifests and the bags' tag files are kept.
/// </summary>
public sealed partial class DisposalJob(
    NpgsqlDataSource dataSource,
    DisposalStore disposals,
    ProjectCatalog catalog,
    IngestStores stores,
    CustodyRegistry custody,
    Archive.Integrity.Ledger.ILedger ledger,
    IDisposalRegisterRenderer renderer,
    RetentionDue due,
    IClock clock)
{
    /// <summary>The recurring job's id (daily: open appraisals, retry waiting disposals).</summary>
    public const string RecurringJobId = "retention-daily";

    /// <summary>The key of a disposal's 销毁清册 in both stores (lower case: never a project's storage segment).</summary>
    /// <param name="disposalId">The disposal.</param>
    public static string RegisterKey(Guid disposalId) => $"disposals/{disposalId:N}/register.pdf";

    /// <summary>The daily pass: opens appraisals for versions whose retention ended, then retries decided disposals.</summary>
    /// <param name="ct">Cancels the pass; the next run continues.</param>
    /// <returns>How many appraisals were opened.</returns>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(3600)]
    public async Task<int> RunDailyAsync(CancellationToken ct)
    {
        var opened = await due.OpenAppraisalsAsync(ct);
        foreach (var id in await disposals.PendingAsync(ct))
        {
            await ExecuteAsync(id, ct);
        }

        return opened;
    }

    /// <summary>Carries out (or continues) one decided disposal.</summary>
    /// <param name="disposalId">The disposal.</param>
    /// <param name="ct">Cancels the work; a later run continues.</param>
    /// <returns>The disposal's status afterwards.</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<string?> ExecuteAsync(Guid disposalId, CancellationToken ct)
    {
        var disposal = await disposals.GetAsync(disposalId, ct);
        if (disposal is not { Status: DisposalStore.Disposing or DisposalStore.Waiting })
        {
            return disposal?.Status;
        }

        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        {
            foreach (var code in disposal.Projects.Concat(disposal.Items.Select(i => i.ProjectCode)).Distinct(StringComparer.Ordinal))
            {
                if (await RetentionQueries.ActiveHoldsAsync(conn, null, code, ct) > 0)
                {
                    return await WaitAsync(disposal, $"项目 {code} 处于法律冻结（保全）中，冻结解除后自动继续销毁。", ct);
                }
            }
        }

        var versions = await VersionsToDisposeAsync(disposal, ct);
        var items = await ItemsToDisposeAsync(disposal, ct);
        if (disposal.RegisterKey is null)
        {
            disposal = await StoreRegisterAsync(disposal, versions, items, ct);
        }

        var (onlineKeys, offlineKeys, shared) = await KeysToDeleteAsync(disposal, versions, items, ct);
        var now = clock.GetCurrentInstant().ToDateTimeOffset();
        foreach (var (store, name, keys) in new[] { (stores.Online, "在线", onlineKeys), (stores.Offline, "离线", offlineKeys) })
        {
            foreach (var key in keys)
            {
                if (await store.GetRetainedUntilAsync(key, ct) is { } until && until > now)
                {
                    return await WaitAsync(disposal, $"{name}副本的存储仍锁定内容至 {until.UtcDateTime:yyyy-MM-dd HH:mm}（UTC），锁定期满后自动继续销毁。", ct);
                }
            }
        }

        foreach (var (store, name, keys) in new[] { (stores.Online, "在线", onlineKeys), (stores.Offline, "离线", offlineKeys) })
        {
            foreach (var key in keys)
            {
                try
                {
                    await store.DeleteExpiredAsync(key, now, ct);
                }
                catch (ObjectStillRetainedException e)
                {
                    return await WaitAsync(disposal, $"{name}副本的存储仍锁定内容至 {e.RetainedUntil.UtcDateTime:yyyy-MM-dd HH:mm}（UTC），锁定期满后自动继续销毁。", ct);
                }
            }
        }

        await custody.ForgetDisposedAsync(CopyKind.Online, onlineKeys, ct);
        await custody.ForgetDisposedAsync(CopyKind.Offline, offlineKeys, ct);
        foreach (var version in versions)
        {
            await AppendTombstoneAsync(disposal, version, ct);
        }

        foreach (var group in items.GroupBy(i => (i.Info.ProjectCode, i.Info.Version)))
        {
            await AppendItemTombstoneAsync(disposal, group.Select(i => i.Info).ToList(), shared, ct);
        }

        await disposals.SetStatusAsync(disposal.Id, DisposalStore.Disposed, null, clock.GetCurrentInstant(), ct);
        return DisposalStore.Disposed;
    }

    private async Task<string> WaitAsync(Disposal disposal, string reason, CancellationToken ct)
    {
        await disposals.SetStatusAsync(disposal.Id, DisposalStore.Waiting, reason, null, ct);
        return DisposalStore.Waiting;
    }

    private async Task<List<(SealedVersion Sealed, DisposedVersion Info)>> VersionsToDisposeAsync(Disposal disposal, CancellationToken ct)
    {
        var list = new List<(SealedVersion, DisposedVersion)>();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var code in disposal.Projects)
        {
            var retention = (await RetentionQueries.RetentionOfAsync(conn, null, code, ct)).ToDictionary(r => r.Version, r => r.Until);
            foreach (var version in await catalog.SealedVersionsAsync([code], ct))
            {
                if (!retention.TryGetValue(version.Version, out var until) || until is null)
                {
                    continue; // disposed already (a retry) — or permanent, which a proposal never admits
                }

                var manifest = Manifest.Parse(await catalog.ManifestBytesAsync(version, ct));
                list.Add((version, new DisposedVersion(code, manifest.Project.Name, version.Version, version.ManifestSha256, manifest.Retention.Policy,
                    manifest.Retention.Until, until.Value, manifest.Items)));
            }
        }

        return list;
    }

    private async Task<Disposal> StoreRegisterAsync(
        Disposal disposal, IReadOnlyList<(SealedVersion Sealed, DisposedVersion Info)> versions, IReadOnlyList<(SealedVersion Sealed, DisposedItem Info)> items, CancellationToken ct)
    {
        var preparedAt = disposal.Decisions.Count > 0 ? disposal.Decisions.Max(d => d.DecidedAt) : disposal.ProposedAt;
        var bytes = renderer.Render(new DisposalRegister(disposal, versions.Select(v => v.Info).ToList(), preparedAt) { Items = items.Select(i => i.Info).ToList() });
        var sha256 = System.Security.Cryptography.SHA256.HashData(bytes);
        var key = RegisterKey(disposal.Id);
        foreach (var store in new[] { stores.Online, stores.Offline })
        {
            using var content = new MemoryStream(bytes, writable: false);
            await store.PutAsync(key, content, new PutOptions { ContentType = "application/pdf", ExpectedSha256 = sha256, Length = bytes.Length }, ct);
        }

        var hex = Convert.ToHexStringLower(sha256);
        await disposals.SetRegisterAsync(disposal.Id, key, hex, ct);
        return disposal with { RegisterKey = key, RegisterSha256 = hex };
    }

    private async Task<(List<string> Online, List<string> Offline, HashSet<string> Shared)> KeysToDeleteAsync(
        Disposal disposal, IReadOnlyList<(SealedVersion Sealed, DisposedVersion Info)> versions, IReadOnlyList<(SealedVersion Sealed, DisposedItem Info)> items,
        CancellationToken ct)
    {
        var digests = versions.SelectMany(v => v.Info.Items).Concat(items.Select(i => i.Info.Item)).Select(i => i.Sha256).Distinct(StringComparer.Ordinal).ToArray();
        // Content-addressed bytes still referenced by anything not disposed and not disposed now (another project's
        // version, another item of any version) stay where they are.
        var shared = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = dataSource.CreateCommand(
            """
            SELECT DISTINCT i.sha256 FROM ingest.item_retention i
            WHERE i.sha256 = ANY($1) AND NOT (i.project_code = ANY($2))
              AND NOT EXISTS (SELECT 1 FROM ingest.disposal_items x
                              WHERE x.disposal_id = $3 AND x.project_code = i.project_code AND x.version = i.version AND x.path = i.path)
            """))
        {
            cmd.Parameters.Add(new() { Value = digests });
            cmd.Parameters.Add(new() { Value = disposal.Projects.ToArray() });
            cmd.Parameters.Add(new() { Value = disposal.Id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                shared.Add(r.GetString(0));
            }
        }

        var online = digests.Where(d => !shared.Contains(d)).Select(ArchiveKeys.ContentObject).ToList();
        var offline = versions
            .SelectMany(v => v.Info.Items.Select(i => ArchiveKeys.BagPrefix(v.Sealed.StorageSegment, v.Sealed.Version) + BagTagFiles.PayloadPrefix + i.Path))
            .Concat(items.Select(i => ArchiveKeys.BagPrefix(i.Sealed.StorageSegment, i.Sealed.Version) + BagTagFiles.PayloadPrefix + i.Info.Item.Path))
            .ToList();
        return (online, offline, shared);
    }
}
