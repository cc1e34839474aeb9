using NodaTime;

namespace Archive.Api.Access.Log;

/// <summary>A filter over the access log; every criterion is optional.</summary>
/// <param name="Project">Rows about this project code.</param>
/// <param name="Principal">Rows of this principal (requester, reader or grantee).</param>
/// <param name="Organization">Rows of this organisation.</param>
/// <param name="Request">Rows about this request.</param>
/// <param name="From">Rows at or after this instant.</param>
/// <param name="To">Rows before this instant.</param>
/// <param name="After">Rows with a ledger index above this one (paging).</param>
/// <param name="Limit">At most this many rows, in ledger order.</param>
/// <param name="NewestFirst">The newest rows first (the last <paramref name="Limit"/> in ledger order, reversed).</param>
public sealed record AccessLogQuery(
    string? Project, Guid? Principal, string? Organization, Guid? Request, Instant? From, Instant? To, long? After, int Limit, bool NewestFirst = false);
