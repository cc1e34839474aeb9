using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Access.Requests;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Ingest.Submissions;
using Archive.Integrity.Ledger;

namespace Archive.Api.Ledger;

/// <summary>
/// Who may read the bytes of a ledger entry (账本条目的可见范围). Checkpoints, the key and proofs (hashes only) are open to
/// every principal; an entry's bytes name agencies, investigations and platforms, so:
/// archivists, approvers and the audit administrator read every entry; the system and security administrators read
/// the <c>principal.*</c> and <c>console.*</c> (sign-in, login) entries they administer; an auditor reads the <c>access.*</c> entries of the requests it may
/// see (its own and its organisation's, as the evidence endpoint bundles them) and the <c>principal.*</c> entries about
/// itself; a trading system reads the entries of its own platform's submissions and seals (those naming its platform or
/// one of its submissions) and the <c>principal.*</c> entries about itself. Nobody else reads entry bytes.
/// </summary>
public sealed class LedgerEntryVisibility(ILedger ledger, AccessRequestStore requests, SubmissionStore submissions)
{
    private const string PrincipalEntries = "principal.";
    private const string AccessEntriesPrefix = "access.";
    private const string ConsoleEntries = "console.";

    /// <summary>Whether <paramref name="user"/> may read <paramref name="entry"/>.</summary>
    /// <param name="user">The authenticated caller.</param>
    /// <param name="entry">The exact entry bytes (JCS JSON with a <c>type</c>).</param>
    /// <param name="ct">Cancels the look-ups.</param>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, byte[] entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(entry);
        var role = user.Role();
        if (role is Roles.Archivist or Roles.Approver or Roles.AuditAdmin)
        {
            return true;
        }

        if (Parse(entry) is not { } fields || Text(fields, "type") is not { } type)
        {
            return false;
        }

        // Console sign-ins and logins (console.*) are about principals: read as their principal.* entries are.
        if (type.StartsWith(PrincipalEntries, StringComparison.Ordinal) || type.StartsWith(ConsoleEntries, StringComparison.Ordinal))
        {
            return role is Roles.Admin or Roles.SecurityAdmin || Text(fields, "principal") == user.PrincipalId().ToString();
        }

        return role switch
        {
            Roles.Auditor => type.StartsWith(AccessEntriesPrefix, StringComparison.Ordinal) && await AuditorMaySeeAsync(AccessCaller.From(user), fields, true, ct),
            Roles.Ingest => await PlatformMaySeeAsync(user.FindFirstValue(ArchiveClaims.Organization), fields, ct),
            _ => false,
        };
    }

    private async Task<bool> AuditorMaySeeAsync(AccessCaller caller, JsonObject fields, bool followRead, CancellationToken ct)
    {
        if (Guid.TryParse(Text(fields, "request"), out var requestId))
        {
            return await requests.GetAsync(requestId, ct) is { } request && AccessWorkflow.MaySee(caller, request);
        }

        // access.delivered names only the access.read/access.copied entry it completes: visible with that entry.
        if (followRead && fields["readEntry"] is JsonValue readEntry && readEntry.TryGetValue<long>(out var index)
            && await ledger.GetEntryAsync(index, ct) is { } read && Parse(read) is { } readFields
            && Text(readFields, "type") is AccessEntriesPrefix + "read" or AccessEntriesPrefix + "copied")
        {
            return await AuditorMaySeeAsync(caller, readFields, false, ct);
        }

        return false;
    }

    private async Task<bool> PlatformMaySeeAsync(string? platform, JsonObject fields, CancellationToken ct)
    {
        if (platform is null)
        {
            return false;
        }

        if (Text(fields, "platform") is { } named)
        {
            return string.Equals(named, platform, StringComparison.Ordinal);
        }

        return Guid.TryParse(Text(fields, "submission"), CultureInfo.InvariantCulture, out var id)
            && await submissions.FindAsync(id, ct) is { } submission
            && string.Equals(submission.Platform, platform, StringComparison.Ordinal);
    }

    private static JsonObject? Parse(byte[] entry)
    {
        try
        {
            return JsonNode.Parse(entry) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject fields, string name) =>
        fields[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
