using NodaTime;

namespace Archive.Api.Console.Dossier;

/// <summary>A ledger entry about the project: its index (for the proof check), type and time.</summary>
/// <param name="Index">The ledger index.</param>
/// <param name="Type">The entry type, e.g. <c>package.sealed</c>, <c>access.read</c>.</param>
/// <param name="At">When it was recorded.</param>
public sealed record DossierEntry(long Index, string Type, Instant At);
