using System.Text.Json;
using NodaTime;

namespace Archive.Api.Access.Log;

/// <summary>One row of the 查询/复制记录: an <c>access.*</c> ledger entry with its index.</summary>
/// <param name="Index">The entry's ledger index.</param>
/// <param name="Type">The entry type.</param>
/// <param name="At">The entry's instant.</param>
/// <param name="Principal">The principal concerned (reader, requester, grantee).</param>
/// <param name="PrincipalName">That principal's name.</param>
/// <param name="Organization">Its organisation.</param>
/// <param name="Projects">The projects concerned.</param>
/// <param name="Request">The access request concerned.</param>
/// <param name="Grant">The grant relied on or concerned.</param>
/// <param name="Entry">The whole entry.</param>
public sealed record AccessLogRow(
    long Index, string Type, Instant At, Guid? Principal, string? PrincipalName, string? Organization, IReadOnlyList<string> Projects,
    Guid? Request, Guid? Grant, JsonElement Entry);
