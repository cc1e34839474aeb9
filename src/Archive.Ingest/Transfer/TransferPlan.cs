using Archive.Ingest.Reading;
using NodaTime;

namespace Archive.Ingest.Transfer;

/// <summary>
/// A transfer package checked and ready to stream (<see cref="Transfers.PlanAsync"/>): every version's bag was planned
/// and nothing refused it. Nothing is recorded until <see cref="Transfers.WriteAsync"/> has written the last byte.
/// </summary>
public sealed class TransferPlan
{
    internal TransferPlan(Guid id, TransferRecipient recipient, TransferActor actor, string? note, Instant createdAt,
        IReadOnlyList<TransferVersion> versions, IReadOnlyList<BagZipPlan> bags)
    {
        Id = id;
        Recipient = recipient;
        Actor = actor;
        Note = note;
        CreatedAt = createdAt;
        Versions = versions;
        Bags = bags;
    }

    /// <summary>The transfer's id (also the package's folder name).</summary>
    public Guid Id { get; }

    /// <summary>The receiving archive (档案馆).</summary>
    public TransferRecipient Recipient { get; }

    /// <summary>The archivist who exports.</summary>
    public TransferActor Actor { get; }

    /// <summary>The archivist's note, if any.</summary>
    public string? Note { get; }

    /// <summary>When the package was planned (the time written into its documents).</summary>
    public Instant CreatedAt { get; }

    /// <summary>The versions, by project code and version.</summary>
    public IReadOnlyList<TransferVersion> Versions { get; }

    /// <summary>The package's root folder and the zip's file name without <c>.zip</c>.</summary>
    public string RootName => $"transfer-{Id:N}";

    internal IReadOnlyList<BagZipPlan> Bags { get; }
}
