namespace Archive.Ingest.Metadata;

/// <summary>One problem of submission metadata.</summary>
/// <param name="Code">Stable code, e.g. <c>credit-code.checksum</c>.</param>
/// <param name="Field">The offending field, e.g. <c>parties[1].creditCode</c>.</param>
/// <param name="Message">Message in Chinese; never contains a personal identifier.</param>
public sealed record MetadataProblem(string Code, string Field, string Message);
