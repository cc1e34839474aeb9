using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Rebuild;

/// <summary>A <c>retention.disposed</c> tombstone, as the catalogue rebuild reads it.</summary>
/// <param name="Index">Its ledger index.</param>
/// <param name="Project">The project code.</param>
/// <param name="Version">The version disposed of, whole or in part.</param>
/// <param name="Disposal">The disposal that decided it.</param>
/// <param name="ItemsOnly">Whether only <paramref name="Paths"/> were disposed of (<c>scope: items</c>), not the whole version.</param>
/// <param name="Paths">The items named by the tombstone.</param>
/// <param name="Reason">The disposal's reason.</param>
/// <param name="ProposedBy">The principal who proposed the disposal.</param>
/// <param name="ProposedByName">That principal's name.</param>
/// <param name="ProposalEntry">The ledger index of the <c>disposal.proposed</c> entry.</param>
/// <param name="At">When the tombstone was appended.</param>
public sealed record DisposedEntry(
    long Index, string Project, int Version, Guid Disposal, bool ItemsOnly, IReadOnlyList<string> Paths, string Reason,
    Guid ProposedBy, string ProposedByName, long ProposalEntry, Instant At)
{
    /// <summary>Reads the fields of a parsed <c>retention.disposed</c> entry.</summary>
    /// <param name="index">The entry's ledger index.</param>
    /// <param name="entry">The entry, parsed; its type is <c>retention.disposed</c>.</param>
    internal static DisposedEntry From(long index, JsonObject entry)
    {
        var proposal = entry["proposal"]!.AsObject();
        return new DisposedEntry(
            index,
            entry["project"]!.GetValue<string>(),
            entry["version"]!.GetValue<int>(),
            Guid.Parse(entry["disposal"]!.GetValue<string>()),
            entry["scope"]?.GetValue<string>() == "items",
            entry["items"]!.AsArray().Select(i => i!["path"]!.GetValue<string>()).ToList(),
            entry["reason"]!.GetValue<string>(),
            Guid.Parse(proposal["principal"]!.GetValue<string>()),
            proposal["principalName"]!.GetValue<string>(),
            proposal["entry"]!.GetValue<long>(),
            InstantPattern.ExtendedIso.Parse(entry["at"]!.GetValue<string>()).Value);
    }
}
