namespace Archive.Ingest.Metadata;

/// <summary>
/// A party of the project (招标人, 投标人, 采购人, 受让方 …): an organisation with its 统一社会信用代码, or a person
/// with a 身份证号 (personal data: never logged).
/// </summary>
/// <param name="Role">The party's role, e.g. <c>tenderer</c>, <c>bidder</c>, <c>transferee</c>.</param>
/// <param name="Name">The party's name.</param>
/// <param name="CreditCode">The organisation's unified social credit code, if an organisation.</param>
/// <param name="IdNumber">The person's resident identity number, if a person.</param>
public sealed record SubmissionParty(string Role, string Name, string? CreditCode = null, string? IdNumber = null)
{
    /// <summary>The masked form of the party — safe for logs (the ID number is masked).</summary>
    public override string ToString() =>
        $"{Role}: {Name} ({CreditCode ?? (IdNumber is null ? "-" : PersonalIdentifier.Mask(IdNumber))})";
}
