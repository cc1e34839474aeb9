namespace Archive.Demo;

/// <summary>A party of a sample project.</summary>
/// <param name="Role">Its role in Chinese (招标人, 投标人, 竞买人 …).</param>
/// <param name="Name">Organisation name.</param>
/// <param name="CreditCode">Its valid 统一社会信用代码.</param>
internal sealed record DemoParty(string Role, string Name, string CreditCode);
