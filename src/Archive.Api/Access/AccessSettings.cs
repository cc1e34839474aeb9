using System.Globalization;

namespace Archive.Api.Access;

/// <summary>
/// Settings of the access workflow: <c>ARCHIVE_ACCESS_*</c> / <c>ARCHIVE_AUTH_*</c> variables, else the
/// <c>Archive:Access</c> section of <c>appsettings.json</c>, else the defaults documented on each member.
/// </summary>
public sealed class AccessSettings
{
    /// <summary>The longest grant in days (<c>ARCHIVE_ACCESS_MAX_DAYS</c>, default 90).</summary>
    public int MaxDays { get; init; } = 90;

    /// <summary>The most projects one request may name (<c>ARCHIVE_ACCESS_MAX_PROJECTS</c>, default 50).</summary>
    public int MaxProjects { get; init; } = 50;

    /// <summary>Scopes that need a second approval level (<c>ARCHIVE_ACCESS_TWO_LEVEL</c>, e.g. <c>copy</c> or <c>read,copy</c>; default none).</summary>
    public IReadOnlySet<ContentScope> TwoLevelScopes { get; init; } = new HashSet<ContentScope>();

    /// <summary>
    /// Whether an approver may not decide requests from auditors of the approver's own organisation
    /// (<c>ARCHIVE_ACCESS_FORBID_SAME_ORGANIZATION</c>, default false).
    /// </summary>
    public bool ForbidSameOrganization { get; init; }

    /// <summary>The largest scanned legal document accepted (<c>ARCHIVE_ACCESS_MAX_DOCUMENT_BYTES</c>, default 20 MiB).</summary>
    public long MaxDocumentBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>The largest PDF watermarked for an auditor (<c>ARCHIVE_ACCESS_WATERMARK_MAX_BYTES</c>, default 256 MiB); larger PDFs are refused, never delivered bare.</summary>
    public long WatermarkMaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The largest JSON record masked for an auditor (<c>ARCHIVE_ACCESS_MASK_MAX_BYTES</c>, default 64 MiB); larger records are refused, never delivered unmasked.</summary>
    public long MaskMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Failed authentications allowed per client address per minute (<c>ARCHIVE_AUTH_FAILURES_PER_MINUTE</c>, default 10).</summary>
    public int AuthFailuresPerMinute { get; init; } = 10;

    /// <summary>How many watermark or masking preparations run at once per process (<c>ARCHIVE_ACCESS_TRANSFORM_CONCURRENCY</c>, default 2).</summary>
    public int TransformConcurrency { get; init; } = 2;

    /// <summary>How long a read waits for a preparation slot before 503 (<c>ARCHIVE_ACCESS_TRANSFORM_WAIT_SECONDS</c>, default 10).</summary>
    public int TransformWaitSeconds { get; init; } = 10;

    /// <summary>Content reads (items, manifests, bags) each principal may make per window (<c>ARCHIVE_READS_PER_WINDOW</c>, default 120).</summary>
    public int ReadsPerWindow { get; init; } = 120;

    /// <summary>The read limit's window in seconds (<c>ARCHIVE_READ_WINDOW_SECONDS</c>, default 60).</summary>
    public int ReadWindowSeconds { get; init; } = 60;

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="InvalidOperationException">A value is malformed or out of range.</exception>
    public static AccessSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Get(string variable, string key) =>
            configuration[variable] is { Length: > 0 } v ? v : configuration[$"Archive:Access:{key}"] is { Length: > 0 } s ? s : null;

        long Number(string variable, string key, long fallback, long min, long max)
        {
            var text = Get(variable, key);
            if (text is null)
            {
                return fallback;
            }

            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new InvalidOperationException($"{variable} must be an integer from {min} to {max}.");
        }

        var scopes = new HashSet<ContentScope>();
        foreach (var part in (Get("ARCHIVE_ACCESS_TWO_LEVEL", "TwoLevel") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            scopes.Add(ScopeNames.TryParse(part, out var scope)
                ? scope
                : throw new InvalidOperationException("ARCHIVE_ACCESS_TWO_LEVEL lists scopes among read, copy (comma-separated)."));
        }

        var same = Get("ARCHIVE_ACCESS_FORBID_SAME_ORGANIZATION", "ForbidSameOrganization");
        return new AccessSettings
        {
            MaxDays = (int)Number("ARCHIVE_ACCESS_MAX_DAYS", "MaxDays", 90, 1, 3650),
            MaxProjects = (int)Number("ARCHIVE_ACCESS_MAX_PROJECTS", "MaxProjects", 50, 1, 1000),
            TwoLevelScopes = scopes,
            ForbidSameOrganization = same is not null && (bool.TryParse(same, out var b)
                ? b
                : throw new InvalidOperationException("ARCHIVE_ACCESS_FORBID_SAME_ORGANIZATION must be true or false.")),
            MaxDocumentBytes = Number("ARCHIVE_ACCESS_MAX_DOCUMENT_BYTES", "MaxDocumentBytes", 20L * 1024 * 1024, 1024, 1L << 32),
            WatermarkMaxBytes = Number("ARCHIVE_ACCESS_WATERMARK_MAX_BYTES", "WatermarkMaxBytes", 256L * 1024 * 1024, 1024, 1L << 30),
            MaskMaxBytes = Number("ARCHIVE_ACCESS_MASK_MAX_BYTES", "MaskMaxBytes", 64L * 1024 * 1024, 1024, 1L << 30),
            AuthFailuresPerMinute = (int)Number("ARCHIVE_AUTH_FAILURES_PER_MINUTE", "AuthFailuresPerMinute", 10, 1, 10_000),
            TransformConcurrency = (int)Number("ARCHIVE_ACCESS_TRANSFORM_CONCURRENCY", "TransformConcurrency", 2, 1, 64),
            TransformWaitSeconds = (int)Number("ARCHIVE_ACCESS_TRANSFORM_WAIT_SECONDS", "TransformWaitSeconds", 10, 0, 600),
            ReadsPerWindow = (int)Number("ARCHIVE_READS_PER_WINDOW", "ReadsPerWindow", 120, 1, 1_000_000),
            ReadWindowSeconds = (int)Number("ARCHIVE_READ_WINDOW_SECONDS", "ReadWindowSeconds", 60, 1, 86_400),
        };
    }
}
