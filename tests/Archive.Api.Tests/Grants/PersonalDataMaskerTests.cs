using System.Text;
using Archive.Api.Grants;

namespace Archive.Api.Tests.Grants;

public sealed class PersonalDataMaskerTests
{
    [Theory]
    [InlineData("身份证 53010219900307123X 已核验", "身份证 530102********123X 已核验")]
    [InlineData("旧证 530102900307123", "旧证 530102*****7123")]
    [InlineData("联系电话 13812345678", "联系电话 138****5678")]
    [InlineData("+86 13812345678", "+86 138****5678")]
    [InlineData("办公电话 0871-65123456", "办公电话 0871-****3456")]
    [InlineData("金额 1234.56 元，日期 2026-01-05", "金额 1234.56 元，日期 2026-01-05")]
    [InlineData("统一社会信用代码 91350100M000100Y43", "统一社会信用代码 91350100M000100Y43")]
    public void MaskText_MasksIdentityAndPhoneNumbers_AndLeavesOtherNumbers(string text, string expected)
    {
        Assert.Equal(expected, PersonalDataMasker.MaskText(text));
    }

    [Fact]
    public void MaskJson_MasksStringsAndNumbersAtAnyDepth_AndKeepsStructure()
    {
        var json = """{"a":[{"id":"53010219900307123X","tel":13987654321,"n":3}],"name":"张三"}"""u8;

        var masked = Encoding.UTF8.GetString(PersonalDataMasker.MaskJson(json));

        Assert.Equal("""{"a":[{"id":"530102********123X","tel":"139****4321","n":3}],"name":"张三"}""", masked);
    }

    [Fact]
    public void MaskJson_Refuses_WhenTheRecordIsNotJson()
    {
        var e = Assert.Throws<AccessWorkflowException>(() => PersonalDataMasker.MaskJson("not json"u8));

        Assert.Equal("access.mask-failed", e.Code);
    }
}
