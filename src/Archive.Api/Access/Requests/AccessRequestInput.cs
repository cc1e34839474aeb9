using Archive.Api.Access;

namespace Archive.Api.Access.Requests;

/// <summary>A request as filed, checked for shape (see <see cref="AccessRequestValidator"/>); projects not yet looked up.</summary>
/// <param name="Projects">Distinct project codes (NFC), in request order.</param>
/// <param name="Scope">Read or copy.</param>
/// <param name="Purpose">Why.</param>
/// <param name="Basis">The legal basis.</param>
/// <param name="Days">1 to the configured maximum.</param>
/// <param name="IncludePersonalData">Whether personal identifiers are asked for unmasked.</param>
public sealed record AccessRequestInput(
    IReadOnlyList<string> Projects, ContentScope Scope, string Purpose, LegalBasis Basis, int Days, bool IncludePersonalData);
