namespace Archive.Integrity.Ledger;

/// <summary>Settings of the audit ledger.</summary>
public sealed class LedgerOptions
{
    /// <summary>The largest entry, in bytes, the ledger accepts (CONTRACT.md §5: 64 KiB).</summary>
    public const int MaxEntryBytes = 64 * 1024;

    /// <summary>The longest <see cref="CheckpointInterval"/> allowed: the contract promises a checkpoint every minute.</summary>
    public static readonly TimeSpan MaxCheckpointInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The log's origin: the first line of every checkpoint and the name of the note key.
    /// Set it per deployment to a unique, schema-less URL-like name
    /// (e.g. <c>ggzy.example.gov.cn/archive/ledger</c>); it can never change once a checkpoint is signed.
    /// Default <c>archive.local/ledger</c>.
    /// </summary>
    public string Origin { get; set; } = "archive.local/ledger";

    /// <summary>How often a checkpoint is signed while the log grows. Default 5 s; at most 1 min.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most entries committed in one transaction by the batching writer. Default 1000.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How many committed stored tree hashes the ledger keeps in memory for its appends and proofs (about 110 bytes
    /// each); 0 turns the cache off. Default 65,536 (about 7 MiB).
    /// </summary>
    public int HashCacheSize { get; set; } = 65_536;

    /// <summary>Throws when the options are unusable.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Origin) || Origin.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            throw new ArgumentException("Origin must be non-empty, without spaces or '+'.", nameof(Origin));
        }
        if (CheckpointInterval <= TimeSpan.Zero || CheckpointInterval > MaxCheckpointInterval)
        {
            throw new ArgumentException("CheckpointInterval must be positive and at most one minute.", nameof(CheckpointInterval));
        }
        if (MaxBatchSize is < 1 or > 100_000)
        {
            throw new ArgumentException("MaxBatchSize must be between 1 and 100000.", nameof(MaxBatchSize));
        }
        if (HashCacheSize is < 0 or > 16_777_216)
        {
            throw new ArgumentException("HashCacheSize must be between 0 and 16777216.", nameof(HashCacheSize));
        }
    }
}
