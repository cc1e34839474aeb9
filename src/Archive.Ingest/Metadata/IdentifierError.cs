namespace Archive.Ingest.Metadata;

/// <summary>Why an identifier is invalid: a stable code and a Chinese message that never repeats the value.</summary>
/// <param name="Code">Stable code, e.g. <c>credit-code.checksum</c>.</param>
/// <param name="Message">Message in Chinese.</param>
public sealed record IdentifierError(string Code, string Message);
