using Archive.Ingest.Reporting;
using System.Globalization;
using System.Text;
using Archive.Ingest.Hosting;
using Archive.Ingest.Reading.Internal;
using Archive.Ingest.Sealing;
using Archive.Ingest.Sealing.Internal;
using Archive.Integrity.Bags;
using Archive.Integrity.Custody;
using Archive.Storage;
using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>
/// Streams a sealed version's offline bag (离线备份, CONTRACT §6) as a zip, straight from the offline store: stored
/// entries, nothing buffered beyond one copy buffer. Tag files are those listed by the bag's own
/// <c>tagmanifest-sha256.txt</c> (plus that file); payload files are the catalogue's items of the version. Each member
/// is checked while it streams against its sealed size and SHA-256 — from the custody registry, which holds every tag
/// file including the tag manifest, else the catalogue's or the tag manifest's — so a damaged or rewritten member never
/// yields a complete zip: the stream ends before the central directory, the member is marked failed and its repair from
/// the online copy is scheduled.
/// </summary>
public sealed class BagZip(IngestStores stores, CustodyRegistry registry, IRepairScheduler repairs)
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>Reads the bag's tag manifest and lists what the zip will hold; nothing is released yet.</summary>
    /// <param name="version">The version.</param>
    /// <param name="items">The version's items from the catalogue.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="CopyUnavailableException">The bag's tag manifest is missing or names an unsafe path.</exception>
    public async Task<BagZipPlan> PlanAsync(SealedVersion version, IReadOnlyList<SealedItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(items);
        var prefix = ArchiveKeys.BagPrefix(version.StorageSegment, version.Version);
        string tagManifest;
        try
        {
            await using var stream = await stores.Offline.GetAsync(prefix + BagTagFiles.TagManifestSha256, null, ct);
            using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
            tagManifest = await reader.ReadToEndAsync(ct);
        }
        catch (Exception e) when (e is StorageException or DecoderFallbackException)
        {
            throw new CopyUnavailableException(version.ProjectCode, version.Version, "its tag manifest cannot be read", e);
        }

        var lines = TagManifestLines.Parse(tagManifest)
            ?? throw new CopyUnavailableException(version.ProjectCode, version.Version, "its tag manifest has a line that is not a safe tag file");
        var entries = lines.Select(l => new BagZipPlan.Entry(l.Path, prefix + l.Path, null, l.Sha256)).ToList();

        // bagit.txt first, as readers expect; the tag manifest last among tag files, since it covers the others.
        entries.Sort((a, b) => (a.BagPath == BagTagFiles.Declaration ? 0 : 1).CompareTo(b.BagPath == BagTagFiles.Declaration ? 0 : 1) is var c and not 0
            ? c : string.CompareOrdinal(a.BagPath, b.BagPath));
        entries.Add(new(BagTagFiles.TagManifestSha256, prefix + BagTagFiles.TagManifestSha256, null, null));
        entries.AddRange(items.Select(i => new BagZipPlan.Entry(
            BagTagFiles.PayloadPrefix + i.Path, prefix + BagTagFiles.PayloadPrefix + i.Path, i.Size, i.Sha256)));
        // The sealed digests win over the bag's own tag manifest, which a tamperer could rewrite along with a tag file.
        var sealedObjects = await registry.SealedUnderAsync(CopyKind.Offline, prefix, ct);
        entries = entries.ConvertAll(e => sealedObjects.TryGetValue(e.Key, out var s) ? e with { Size = s.Size, Sha256 = s.Sha256 } : e);
        return new BagZipPlan(version, RootName(version), entries);
    }

    /// <summary>Writes the zip onto <paramref name="output"/>; it must not be seekable for this to matter, and need not be.</summary>
    /// <param name="plan">The plan from <see cref="PlanAsync"/>.</param>
    /// <param name="output">Where the zip goes (e.g. an HTTP response body).</param>
    /// <param name="ct">Cancels the copy.</param>
    /// <exception cref="CopyUnavailableException">A file is missing, or its size or SHA-256 is not the recorded one; the zip is incomplete.</exception>
    public Task WriteAsync(BagZipPlan plan, Stream output, CancellationToken ct) => WriteCoreAsync(plan, output, forceZip64: false, ct);

    internal async Task WriteCoreAsync(BagZipPlan plan, Stream output, bool forceZip64, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        var zip = new ZipStreamWriter(output, plan.Version.SealedAt.InZone(Shanghai).LocalDateTime, forceZip64);
        await AddToAsync(plan, zip, plan.RootName, ct);
        await zip.FinishAsync(ct);
    }

    /// <summary>
    /// Adds the bag's files to a zip being written, under <paramref name="root"/> (a transfer package holds several
    /// bags): the same members, order and checks as <see cref="WriteAsync"/>.
    /// </summary>
    internal async Task AddToAsync(BagZipPlan plan, ZipStreamWriter zip, string root, CancellationToken ct)
    {
        foreach (var entry in plan.Entries)
        {
            try
            {
                await using var content = await stores.Offline.GetAsync(entry.Key, null, ct);
                await zip.AddAsync(root + "/" + entry.BagPath, content, entry.Size, entry.Sha256, ct);
            }
            catch (Exception e) when (e is StorageException or InvalidDataException)
            {
                await ReportAsync(entry.Key, ct);
                throw new CopyUnavailableException(plan.Version.ProjectCode, plan.Version.Version, $"'{entry.BagPath}': {e.Message}", e);
            }
        }
    }

    private async Task ReportAsync(string key, CancellationToken ct)
    {
        if (await registry.FindAsync(CopyKind.Offline, key, ct) is not null && await registry.StateAsync(CopyKind.Offline, key, ct) != CustodyRegistry.Lost)
        {
            await registry.SetStateAsync(CopyKind.Offline, key, CustodyRegistry.Failed, null, ct);
            repairs.Schedule(CopyKind.Offline, key);
        }
    }

    private static string RootName(SealedVersion version)
    {
        var safe = new StringBuilder(version.ProjectCode.Length + 8);
        foreach (var c in version.ProjectCode)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return safe.Append(CultureInfo.InvariantCulture, $"_v{version.Version}").ToString();
    }
}
