namespace Archive.Ingest.Import;

/// <summary>Settings of an import run.</summary>
public sealed record ImportOptions
{
    /// <summary>How long to wait for one project's sealing job (<c>ARCHIVE_IMPORT_WAIT_SECONDS</c>, default 600).</summary>
    public TimeSpan SealTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many projects are imported at once (<c>ARCHIVE_IMPORT_PARALLELISM</c>, default 4).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>How often the submission's state is read while it seals.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
