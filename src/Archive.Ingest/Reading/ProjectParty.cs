namespace Archive.Ingest.Reading;

/// <summary>A party of a project (当事人) as the catalogue shows it: names with identity numbers masked; no 身份证号.</summary>
/// <param name="Role">The party's role as submitted (招标人, 投标人, 招标代理机构 …).</param>
/// <param name="Name">The party's name, identity-number-shaped runs masked.</param>
/// <param name="CreditCode">The organisation's 统一社会信用代码, if given.</param>
/// <param name="IsAgency">Whether the role is an agency (代理机构).</param>
public sealed record ProjectParty(string Role, string Name, string? CreditCode, bool IsAgency);
