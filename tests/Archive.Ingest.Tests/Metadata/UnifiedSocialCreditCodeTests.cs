using Archive.Ingest.Metadata;

namespace Archive.Ingest.Tests.Metadata;

public class UnifiedSocialCreditCodeTests
{
    // Known answers, all real published codes:
    // - 91350100M000100Y43: the worked example of GB 32100-2015 (reproduced on zh.wikisource.org,
    //   "GB 32100-2015 法人和其他组织统一社会信用代码编码规则", and in many validator libraries).
    // - 914403001922038216: 华为技术有限公司, as printed on its business licence and public registry pages.
    // - 91110108551385082Q: 小米科技有限责任公司, public registry (国家企业信用信息公示系统).
    // - 91310110666007217T: test vector of dromara/hutool, CreditCodeUtilTest.java (isCreditCode).
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("914403001922038216")]
    [InlineData("91110108551385082Q")]
    [InlineData("91310110666007217T")]
    public void Validate_Accepts_PublishedCodes(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.Validate(code));
        Assert.Equal(code[17], UnifiedSocialCreditCode.ComputeCheckCharacter(code.AsSpan(0, 17)));
        Assert.Equal(code[16], UnifiedSocialCreditCode.ComputeOrganizationCheckCharacter(code.AsSpan(8, 8)));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "credit-code.checksum")] // last character changed
    [InlineData("914403001922038217", "credit-code.checksum")]
    [InlineData("91110108551358082Q", "credit-code.checksum")] // two digits swapped
    [InlineData("91350211M00013FA1N", "credit-code.checksum")] // dromara/hutool isCreditCode2: early pilot code, invalid
    [InlineData("91350100m000100y43", "credit-code.character")] // lower case
    [InlineData("91350100M0001OOY43", "credit-code.character")] // letter O
    [InlineData("9I350100M000100Y43", "credit-code.character")] // letter I
    [InlineData("91350100M000100Y4", "credit-code.length")]
    [InlineData("91350100M000100Y433", "credit-code.length")]
    [InlineData("913501A0M000100Y43", "credit-code.region")]
    [InlineData("", "credit-code.empty")]
    [InlineData(null, "credit-code.empty")]
    public void Validate_Rejects_MutatedCodes(string? code, string expected)
    {
        var error = UnifiedSocialCreditCode.Validate(code);
        Assert.NotNull(error);
        Assert.Equal(expected, error.Code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
    }

    [Fact]
    public void Validate_RejectsOrganizationChecksum_WhenOnlyFinalCheckIsRecomputed()
    {
        // Change the organisation code's check character (position 17) and recompute position 18, so that only
        // the GB 11714 check can catch it.
        var first17 = "91350100M000100Y5";
        var code = first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
        Assert.Equal("credit-code.organization-checksum", UnifiedSocialCreditCode.Validate(code)?.Code);
    }

    [Fact]
    public void ComputeOrganizationCheckCharacter_GivesXAndZero_ForRemaindersTenAndEleven()
    {
        // Weights 3,7,9,10,5,8,4,2 (GB 11714): sum 0 → 11 − 0 = 11 → '0'; "00000110" sums to 12 → 11 − 1 = 10 → 'X';
        // "00000001" sums to 2 → 9.
        Assert.Equal('0', UnifiedSocialCreditCode.ComputeOrganizationCheckCharacter("00000000"));
        Assert.Equal('X', UnifiedSocialCreditCode.ComputeOrganizationCheckCharacter("00000110"));
        Assert.Equal('9', UnifiedSocialCreditCode.ComputeOrganizationCheckCharacter("00000001"));
    }
}
