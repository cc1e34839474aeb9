using Microsoft.Extensions.Logging;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>The ledger's log messages, with stable event ids.</summary>
internal static class LedgerLog
{
    private static readonly Action<ILogger, int, long, Exception?> s_batchCommitted = LoggerMessage.Define<int, long>(
        LogLevel.Debug, new EventId(4101, "LedgerBatchCommitted"), "Committed {Count} ledger entries up to index {LastIndex}");

    private static readonly Action<ILogger, int, Exception?> s_batchFailed = LoggerMessage.Define<int>(
        LogLevel.Error, new EventId(4102, "LedgerBatchFailed"), "A batch of {Count} ledger appends failed; its callers get the error");

    private static readonly Action<ILogger, long, Exception?> s_checkpointSigned = LoggerMessage.Define<long>(
        LogLevel.Information, new EventId(4103, "LedgerCheckpointSigned"), "Signed ledger checkpoint of size {TreeSize}");

    private static readonly Action<ILogger, string, Exception?> s_checkpointRefused = LoggerMessage.Define<string>(
        LogLevel.Critical, new EventId(4104, "LedgerCheckpointRefused"), "Refusing to sign a ledger checkpoint: {Reason}");

    private static readonly Action<ILogger, Exception?> s_checkpointTransient = LoggerMessage.Define(
        LogLevel.Warning, new EventId(4105, "LedgerCheckpointTransientFailure"), "Signing a ledger checkpoint failed transiently; retrying next interval");

    private static readonly Action<ILogger, string, Exception?> s_keyRecorded = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(4106, "LedgerKeyRecorded"), "Recorded ledger verifier key {VerifierKey}");

    private static readonly Action<ILogger, string, string, Exception?> s_keysRotated = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(4107, "LedgerKeysRotated"), "Ledger signing keys rotated from {PreviousKey} to {NextKey}");

    public static void BatchCommitted(ILogger logger, int count, long lastIndex) => s_batchCommitted(logger, count, lastIndex, null);

    public static void BatchFailed(ILogger logger, int count, Exception e) => s_batchFailed(logger, count, e);

    public static void CheckpointSigned(ILogger logger, long treeSize) => s_checkpointSigned(logger, treeSize, null);

    public static void CheckpointRefused(ILogger logger, LedgerIntegrityException e) => s_checkpointRefused(logger, e.Message, e);

    public static void CheckpointTransientFailure(ILogger logger, Exception e) => s_checkpointTransient(logger, e);

    public static void KeyRecorded(ILogger logger, string verifierKey) => s_keyRecorded(logger, verifierKey, null);

    public static void KeysRotated(ILogger logger, string previous, string next) => s_keysRotated(logger, previous, next, null);
}
