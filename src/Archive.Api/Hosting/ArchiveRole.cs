namespace Archive.Api.Hosting;

/// <summary>
/// What one host process does (<c>--role</c> or <c>ARCHIVE_ROLE</c>), so that several processes on one database can
/// split the work: HTTP in some, background jobs in others.
/// </summary>
public enum ArchiveRole
{
    /// <summary>Both: the HTTP API and console, the Hangfire server and the recurring jobs (the default).</summary>
    All,

    /// <summary>The HTTP API and console only: jobs (seals, checks) are enqueued for a worker, never run here.</summary>
    Api,

    /// <summary>The Hangfire server and the recurring jobs; over HTTP only <c>GET /healthz</c>.</summary>
    Worker,
}
