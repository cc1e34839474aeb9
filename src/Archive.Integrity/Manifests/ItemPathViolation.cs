namespace Archive.Integrity.Manifests;

/// <summary>Which rule of <see cref="ItemPathRule"/> an item path breaks.</summary>
public enum ItemPathViolation
{
    /// <summary>Empty, or not well-formed Unicode, or not in normalisation form C.</summary>
    Malformed,

    /// <summary>Starts with <c>/</c> or contains a backslash.</summary>
    Absolute,

    /// <summary>Contains a control character, a line or paragraph separator, or a byte-order mark.</summary>
    ControlCharacter,

    /// <summary>Contains <c>%</c>, which BagIt manifests percent-encode and coreutils' <c>sha256sum -c</c> cannot read.</summary>
    Percent,

    /// <summary>
    /// A segment is empty, <c>.</c> or <c>..</c>, blank, begins or ends with white space (U+3000 included), or ends
    /// with <c>.</c> (trimmed by Windows and Azure Blob path handling).
    /// </summary>
    BadSegment,

    /// <summary>Longer than <see cref="ItemPathRule.MaxBytes"/>, or a segment longer than <see cref="ItemPathRule.MaxSegmentBytes"/>.</summary>
    TooLong,
}
