namespace Archive.Core.Errors;

/// <summary>
/// What kind of refusal an <see cref="ArchiveException"/> is. Libraries say only this; the host maps each kind to an
/// HTTP status in one place, so no library knows about HTTP.
/// </summary>
public enum ErrorKind
{
    /// <summary>The request, a value or a setting is malformed or invalid (HTTP 400).</summary>
    Invalid,

    /// <summary>The caller may not do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The thing does not exist, or the caller may not know it does (HTTP 404).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state (HTTP 409).</summary>
    Conflict,

    /// <summary>The content exceeds a configured size limit (HTTP 413).</summary>
    TooLarge,

    /// <summary>The content is of a format that is not accepted here (HTTP 415).</summary>
    UnsupportedMediaType,

    /// <summary>A requested byte range lies outside the content (HTTP 416).</summary>
    RangeNotSatisfiable,

    /// <summary>The content was received but is not acceptable: digest, media type, checklist, transformation (HTTP 422).</summary>
    Unprocessable,

    /// <summary>
    /// The archive's own stored data disagrees with what it recorded (a digest, a signature, a checkpoint): nothing is
    /// released and an operator must look (HTTP 500, logged).
    /// </summary>
    Integrity,

    /// <summary>A store or copy the request needs cannot be reached or read now; trying later may succeed (HTTP 503).</summary>
    Unavailable,

    /// <summary>The thing existed and was deliberately destroyed (disposed at the end of retention); it will not return (HTTP 410).</summary>
    Gone,
}
