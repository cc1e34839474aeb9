namespace Archive.Api.Access.Requests;

/// <summary>The stored scan of a request's legal document (法律文书扫描件).</summary>
/// <param name="Key">Its key in the online store, <c>access-documents/&lt;request&gt;/&lt;sha256&gt;</c>.</param>
/// <param name="Sha256">SHA-256 of its bytes, lower-case hex.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="MediaType">PDF, JPEG, PNG or OFD, as recognised by signature.</param>
public sealed record LegalDocument(string Key, string Sha256, long Size, string MediaType);
