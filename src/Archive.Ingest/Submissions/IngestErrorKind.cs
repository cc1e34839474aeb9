namespace Archive.Ingest.Submissions;

/// <summary>What kind of refusal an <see cref="IngestException"/> is; the API maps each to an HTTP status.</summary>
public enum IngestErrorKind
{
    /// <summary>The request is malformed or a value is invalid (400).</summary>
    Invalid,

    /// <summary>The submission or project does not exist, or the caller may not know it does (404).</summary>
    NotFound,

    /// <summary>The caller may not touch this submission (403).</summary>
    Forbidden,

    /// <summary>The request conflicts with the submission's state (409).</summary>
    Conflict,

    /// <summary>The content was received but is not acceptable: digest, media type, checklist (422).</summary>
    Unprocessable,

    /// <summary>The content exceeds the configured size limit (413).</summary>
    TooLarge,
}
