using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>
/// What the 销毁清册 (register of destroyed records) lists, written before anything is deleted: the disposal with its
/// proposal and decisions (ledger indexes; the deciding approvers are the 监销人), every version to be destroyed and every
/// item destroyed on its own (<see cref="Items"/>).
/// </summary>
/// <param name="Disposal">The disposal, with its decisions.</param>
/// <param name="Versions">The versions to destroy, by project and version.</param>
/// <param name="PreparedAt">When the register was prepared (the last decision's time, so a retry renders the same bytes).</param>
public sealed record DisposalRegister(Disposal Disposal, IReadOnlyList<DisposedVersion> Versions, Instant PreparedAt)
{
    /// <summary>The items destroyed on their own (their versions are kept).</summary>
    public IReadOnlyList<DisposedItem> Items { get; init; } = [];
}
