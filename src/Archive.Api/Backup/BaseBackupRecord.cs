using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Backup;

/// <summary>
/// What one base backup wrote, kept as <c>backups/base/&lt;id&gt;/backup.json</c> beside its <c>base.tar</c> (written
/// last, so a backup without it never completed and is never restored from) and in the ledger's
/// <c>database.backed-up</c> entry.
/// </summary>
/// <param name="Id">The UTC start time, <c>yyyyMMddTHHmmssZ</c>; also the folder name.</param>
/// <param name="StartedAt">When <c>pg_basebackup</c> was started.</param>
/// <param name="CompletedAt">When it ended; the restored cluster is consistent from a moment before this.</param>
/// <param name="StartWal">The first WAL segment a restore needs (from the backup's <c>backup_label</c>).</param>
/// <param name="Key">The key of <c>base.tar</c> (its <c>backup_manifest</c> and the WAL it needs are inside).</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record BaseBackupRecord(string Id, Instant StartedAt, Instant CompletedAt, string StartWal, string Key, long Size, string Sha256)
{
    /// <summary>The record's format name.</summary>
    public const string Format = "archive-base-backup/1";

    /// <summary>The record as JSON fields (also the ledger entry's fields).</summary>
    /// <returns>A new object.</returns>
    public JsonObject ToJson() => new()
    {
        ["format"] = Format,
        ["id"] = Id,
        ["startedAt"] = InstantPattern.ExtendedIso.Format(StartedAt),
        ["completedAt"] = InstantPattern.ExtendedIso.Format(CompletedAt),
        ["startWal"] = StartWal,
        ["objects"] = new JsonArray(new JsonObject { ["key"] = Key, ["size"] = Size, ["sha256"] = Sha256 }),
    };

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The record's JSON.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">It is not such a record.</exception>
    public static BaseBackupRecord Parse(string json)
    {
        try
        {
            var o = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("A base backup record is empty.");
            if (Text(o, "format") != Format)
            {
                throw new FormatException($"Not an {Format} record.");
            }

            var item = (o["objects"] as JsonArray)?.FirstOrDefault() as JsonObject ?? throw new FormatException("A base backup record names no object.");
            return new BaseBackupRecord(
                Text(o, "id"), InstantPattern.ExtendedIso.Parse(Text(o, "startedAt")).GetValueOrThrow(),
                InstantPattern.ExtendedIso.Parse(Text(o, "completedAt")).GetValueOrThrow(), Text(o, "startWal"),
                Text(item, "key"), item["size"]?.GetValue<long>() ?? throw new FormatException("A base backup record has no size."), Text(item, "sha256"));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or UnparsableValueException)
        {
            throw new FormatException("A base backup record is damaged.", e);
        }
    }

    private static string Text(JsonObject o, string name) =>
        o[name]?.GetValue<string>() ?? throw new FormatException($"A base backup record has no {name}.");
}
