namespace Archive.Api.Access.Requests;

/// <summary>The lawful paperwork of a request (合法手续): the document's number (文号) and its issuer (发文机关).</summary>
/// <param name="DocumentNumber">E.g. 昆纪调〔2026〕12号.</param>
/// <param name="Issuer">E.g. 中共昆明市纪律检查委员会.</param>
public sealed record LegalBasis(string DocumentNumber, string Issuer);
