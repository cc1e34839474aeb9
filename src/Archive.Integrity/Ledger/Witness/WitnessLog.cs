using Microsoft.Extensions.Logging;

namespace Archive.Integrity.Ledger.Witness;

/// <summary>The checkpoint witness's log messages, with stable event ids.</summary>
internal static class WitnessLog
{
    private static readonly Action<ILogger, Exception?> s_unreadable = LoggerMessage.Define(
        LogLevel.Warning, new EventId(4120, "LedgerWitnessUnreadable"), "The checkpoint witness could not be read; signing relies on the database's own checks");

    private static readonly Action<ILogger, long, Exception?> s_notRecorded = LoggerMessage.Define<long>(
        LogLevel.Warning, new EventId(4121, "LedgerWitnessNotRecorded"), "Checkpoint {TreeSize} could not be written to the witness stores; the next checkpoint is written again");

    public static void Unreadable(ILogger logger, Exception e) => s_unreadable(logger, e);

    public static void NotRecorded(ILogger logger, long treeSize, Exception e) => s_notRecorded(logger, treeSize, e);
}
