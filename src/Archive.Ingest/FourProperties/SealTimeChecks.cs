using Archive.Core.Errors;
using System.Globalization;
using System.Text.Json.Nodes;
using Archive.Ingest.Submissions;
using Archive.Integrity.Canonical;
using Archive.Integrity.Ledger;
using Archive.Storage;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Ingest.FourProperties;

/// <summary>
/// The content side of the 四性 checks at seal (DA/T 70): every new item is opened with a real reader for its type
/// (可用性) and scanned for malware (安全性); infected items are quarantined and ledgered. The result is a list of seal
/// problems, reported with all the others, and the seal-time record that the bag carries (<c>archive/seal-checks.json</c>).
/// Items are copied once to a private temporary folder, which is removed afterwards.
/// </summary>
/// <param name="options">Tools and signature database.</param>
/// <param name="dataSource">The ingest database (quarantine records).</param>
/// <param name="ledger">Where quarantine findings are recorded.</param>
/// <param name="clock">The record's time.</param>
public sealed class SealTimeChecks(ContentCheckOptions options, NpgsqlDataSource dataSource, ILedger ledger, IClock clock)
{
    /// <summary>The record's format name.</summary>
    public const string Format = "archive-seal-checks/1";

    /// <summary>Checks the items staged in <paramref name="online"/>; items that are not there are skipped (reported by the other checks).</summary>
    /// <param name="submission">The submission.</param>
    /// <param name="items">Its items (the new ones of this version).</param>
    /// <param name="online">The store holding staging.</param>
    /// <param name="ct">Cancels the checks.</param>
    /// <exception cref="ContentCheckUnavailableException">A check program is missing or cannot run.</exception>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<SealTimeCheckResult> RunAsync(Submission submission, IReadOnlyList<SubmissionItem> items, IObjectStore online, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(online);
        var folder = Directory.CreateTempSubdirectory("archive-seal-checks-");
        try
        {
            return await RunInAsync(folder.FullName, submission, items, online, ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task<SealTimeCheckResult> RunInAsync(
        string folder, Submission submission, IReadOnlyList<SubmissionItem> items, IObjectStore online, CancellationToken ct)
    {
        var problems = new List<ArchiveProblem>();
        var files = new List<(SubmissionItem Item, string File, JsonObject Usability)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            // Numbered names: the tools never see a submitted path, and their output parses unambiguously.
            var file = Path.Combine(folder, i.ToString("D6", CultureInfo.InvariantCulture) + ".bin");
            if (!await TryDownloadAsync(online, item, file, ct))
            {
                continue;
            }

            var (problem, usability) = await UsabilityCheck.CheckAsync(file, item.MediaType, options, ct);
            if (problem is not null)
            {
                problems.Add(new ArchiveProblem("item.unreadable", item.Path, problem));
            }

            if (RecordingDurationCheck.Check(item, usability) is { } contradiction)
            {
                problems.Add(contradiction);
            }

            files.Add((item, file, usability));
        }

        var infected = options.ScanMalware
            ? await MalwareScan.ScanAsync(files.ConvertAll(f => f.File), options, ct)
            : [];
        var records = new JsonArray();
        foreach (var (item, file, usability) in files)
        {
            JsonObject security;
            if (infected.TryGetValue(file, out var signature))
            {
                await Quarantine.KeepAsync(dataSource, ledger, online, submission, item, signature, options.SignatureDescription, clock, ct);
                problems.Add(new ArchiveProblem("item.malware", item.Path,
                    $"恶意代码扫描发现“{signature}”，该条目已隔离保存（不会归档，也不会被删除），请更换为干净的文件后重新提交。"));
                security = new JsonObject { ["scanner"] = "clamscan", ["result"] = "infected", ["signature"] = signature };
            }
            else if (options.ScanMalware && item.Size > options.ClamscanMaxBytes)
            {
                // Past ClamAV's limit the scanner skips the rest (or the whole file) and still says "OK": not clean.
                security = new JsonObject
                {
                    ["scanner"] = "clamscan",
                    ["result"] = "partial",
                    ["limit"] = "--max-filesize / --max-scansize",
                    ["limitBytes"] = options.ClamscanMaxBytes,
                };
            }
            else
            {
                security = new JsonObject { ["scanner"] = "clamscan", ["result"] = options.ScanMalware ? "clean" : "not-scanned" };
            }

            records.Add(new JsonObject
            {
                ["path"] = item.Path,
                ["mediaType"] = item.MediaType,
                ["size"] = item.Size,
                ["sha256"] = item.Sha256,
                ["sm3"] = item.Sm3,
                ["usability"] = usability,
                ["security"] = security,
            });
        }

        return new SealTimeCheckResult(problems, RecordBytes(submission, items, records));
    }

    private static async Task<bool> TryDownloadAsync(IObjectStore online, SubmissionItem item, string file, CancellationToken ct)
    {
        try
        {
            await using var source = await online.GetAsync(item.StagingKey, null, ct);
            await using var target = File.Create(file);
            await source.CopyToAsync(target, ct);
            return target.Length == item.Size;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    private byte[] RecordBytes(Submission submission, IReadOnlyList<SubmissionItem> items, JsonArray records)
    {
        var record = new JsonObject
        {
            ["format"] = Format,
            ["submission"] = submission.Id.ToString(),
            ["project"] = submission.ProjectCode,
            ["checkedAt"] = InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()),
            ["scope"] = "本次提交的新条目（沿用的条目已在其首次封存时检测）",
            ["malwareSignatures"] = options.SignatureDescription,
            ["authenticity"] = new JsonObject
            {
                ["digests"] = "SHA-256 与 SM3 于接收时计算，存储写入时校验",
                ["source"] = submission.Platform,
                ["custody"] = "封存账本条目 package.sealed 见 archive/ledger-entry.json，其包含证明见 archive/inclusion-proof.json",
            },
            ["integrity"] = new JsonObject
            {
                ["itemCount"] = items.Count,
                ["bytes"] = items.Sum(i => i.Size),
                ["checklist"] = "passed",
            },
            ["items"] = records,
        };
        return CanonicalJson.Serialize(record);
    }
}
