namespace Archive.Integrity.Ledger.Internal;

/// <summary>The well-known PostgreSQL advisory lock keys of the ledger, shared by every process.</summary>
internal static class LockKeys
{
    /// <summary>Held (transaction level) from reading the size to committing appended entries: the single sequencer.</summary>
    public const long Sequencer = 0x4C45_4447_5345_5131; // "LEDGSEQ1"

    /// <summary>Held (transaction level) while a checkpoint is verified, signed and stored.</summary>
    public const long Checkpoint = 0x4C45_4447_4348_4B31; // "LEDGCHK1"

    /// <summary>Held (transaction level) while the ledger's export into the offline store is extended, by one process at a time.</summary>
    public const long Export = 0x4C45_4447_4558_5031; // "LEDGEXP1"
}
