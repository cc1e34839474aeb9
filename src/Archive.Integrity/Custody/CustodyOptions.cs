namespace Archive.Integrity.Custody;

/// <summary>Settings of custody: chunk size of verified reads, verification cycles and the scrubbing read rate.</summary>
public sealed class CustodyOptions
{
    /// <summary>The chunk size of per-chunk digests recorded at seal. Default 1 MiB.</summary>
    public int ChunkSize { get; set; } = ChunkDigests.DefaultChunkSize;

    /// <summary>How long one verification cycle of the online copy takes. Default 30 days.</summary>
    public TimeSpan OnlineCycle { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long one verification cycle of the offline copy takes. Default 90 days.</summary>
    public TimeSpan OfflineCycle { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The ceiling of scrubbing reads, in MB/s (10^6 bytes); 0 for none. Default 50.</summary>
    public double ReadRateMegabytesPerSecond { get; set; } = 50;

    /// <summary>How long a worker's claim on an object holds before another worker may take it over. Default 10 minutes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many objects a worker claims at once. Default 16.</summary>
    public int ClaimBatch { get; set; } = 16;

    /// <summary>The cycle of a copy.</summary>
    /// <param name="copy">The copy.</param>
    public TimeSpan CycleOf(CopyKind copy) => copy == CopyKind.Online ? OnlineCycle : OfflineCycle;
}
