using System.Security.Cryptography;
using System.Text;
using Archive.Ingest.Metadata;

namespace Archive.Demo;

/// <summary>
/// Valid 统一社会信用代码 (GB 32100) for sample parties: registration authority and type, the region,
/// an organisation code derived from the name (with its GB 11714 check character), and the check character.
/// The same name always gets the same code, so generated samples are reproducible.
/// </summary>
internal static class DemoCreditCodes
{
    /// <summary>A company (登记管理机关 9 工商, 类别 1 企业).</summary>
    public static string Company(string region, string name) => Make("91", region, name);

    /// <summary>A government body or public institution (1 机构编制, 1 机关 / 2 事业单位).</summary>
    public static string Institution(string region, string name, bool agency) => Make(agency ? "11" : "12", region, name);

    private static string Make(string prefix, string region, string name)
    {
        const string orgAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var org = new char[8];
        for (var i = 0; i < 8; i++)
        {
            // Mostly digits, as real organisation codes are.
            org[i] = i < 6 ? (char)('0' + (hash[i] % 10)) : orgAlphabet[hash[i] % orgAlphabet.Length];
        }

        var first17 = prefix + region + new string(org) + UnifiedSocialCreditCode.ComputeOrganizationCheckCharacter(org);
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }
}
