using NodaTime;

namespace Archive.Ingest.Transfer;

/// <summary>A completed transfer as recorded with its <c>transfer.exported</c> ledger entry.</summary>
/// <param name="Id">The transfer's id.</param>
/// <param name="Recipient">The receiving archive.</param>
/// <param name="Note">The archivist's note.</param>
/// <param name="ExportedBy">The archivist's principal id.</param>
/// <param name="ExportedByName">The archivist's name.</param>
/// <param name="ExportedAt">When the last byte was written.</param>
/// <param name="PackageSha256">SHA-256 of the zip as written.</param>
/// <param name="PackageBytes">The zip's size.</param>
/// <param name="LedgerIndex">Index of the <c>transfer.exported</c> entry.</param>
/// <param name="Versions">The versions transferred, as <c>(project, version, archival code)</c>.</param>
public sealed record TransferRecord(
    Guid Id,
    TransferRecipient Recipient,
    string? Note,
    Guid ExportedBy,
    string ExportedByName,
    Instant ExportedAt,
    string PackageSha256,
    long PackageBytes,
    long LedgerIndex,
    IReadOnlyList<TransferredVersion> Versions);
