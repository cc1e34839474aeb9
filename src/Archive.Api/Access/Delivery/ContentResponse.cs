namespace Archive.Api.Access.Delivery;

/// <summary>The status and headers of a content response, set after the ledger entry is committed.</summary>
/// <param name="StatusCode">200 or 206.</param>
/// <param name="ContentType">The media type.</param>
/// <param name="ContentLength">The exact body length, or null to send it chunked.</param>
public sealed record ContentResponse(int StatusCode, string ContentType, long? ContentLength)
{
    /// <summary>The entity tag, already quoted (e.g. <c>"sha256:…"</c>), or null.</summary>
    public string? ETag { get; init; }

    /// <summary>The <c>Content-Range</c> of a 206, or null.</summary>
    public string? ContentRange { get; init; }

    /// <summary>The <c>Content-Disposition</c>, or null.</summary>
    public string? ContentDisposition { get; init; }

    /// <summary>Whether to announce <c>Accept-Ranges: bytes</c>.</summary>
    public bool AcceptRanges { get; init; }
}
