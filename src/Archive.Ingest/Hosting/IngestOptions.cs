namespace Archive.Ingest.Hosting;

/// <summary>Limits and schedules of ingest.</summary>
public sealed class IngestOptions
{
    /// <summary>The largest item accepted, in bytes (<c>ARCHIVE_MAX_ITEM_BYTES</c>; default 64 GiB, for long venue recordings).</summary>
    public long MaxItemBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>The most items one submission may hold.</summary>
    public int MaxItemsPerSubmission { get; init; } = 100_000;

    /// <summary>How long an open submission may stay untouched before its staging is removed (<c>ARCHIVE_STAGING_MAX_AGE_DAYS</c>; default 30 days).</summary>
    public TimeSpan StagingMaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The folder of retention-policy YAML files.</summary>
    public required string PoliciesDirectory { get; init; }
}
