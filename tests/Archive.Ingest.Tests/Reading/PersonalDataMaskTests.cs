using System.Text;
using Archive.Ingest.Reading;

namespace Archive.Ingest.Tests.Reading;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("张三（11010519491231002X）房产处置", "张三（110105********002X）房产处置")]
    [InlineData("旧证号 110105491231002 拍卖", "旧证号 110105*****1002 拍卖")]
    [InlineData("昆明市某国有资产处置项目", "昆明市某国有资产处置项目")]
    [InlineData("编号Z5301001234567890", "编号Z5301001234567890")]
    public void Mask_HidesBirthDateAndSequence_WhenTextHoldsAnIdentityNumber(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Mask(text));

    [Theory]
    [InlineData("身份证 53010219900307123X 已核验", "身份证 530102********123X 已核验")]
    [InlineData("旧证 530102900307123", "旧证 530102*****7123")]
    [InlineData("联系电话 13812345678", "联系电话 138****5678")]
    [InlineData("+86 13812345678", "+86 138****5678")]
    [InlineData("办公电话 0871-65123456", "办公电话 0871-****3456")]
    [InlineData("金额 1234.56 元，日期 2026-01-05", "金额 1234.56 元，日期 2026-01-05")]
    [InlineData("统一社会信用代码 91350100M000100Y43", "统一社会信用代码 91350100M000100Y43")]
    public void MaskText_MasksIdentityAndPhoneNumbers_AndLeavesOtherNumbers(string text, string expected) =>
        Assert.Equal(expected, PersonalDataMask.MaskText(text));

    [Fact]
    public void TryMaskJson_MasksStringsAndNumbersAtAnyDepth_AndKeepsStructure()
    {
        var json = """{"a":[{"id":"53010219900307123X","tel":13987654321,"n":3}],"name":"张三"}"""u8;

        Assert.True(PersonalDataMask.TryMaskJson(json, out var masked));

        Assert.Equal("""{"a":[{"id":"530102********123X","tel":"139****4321","n":3}],"name":"张三"}""", Encoding.UTF8.GetString(masked));
    }

    [Fact]
    public void TryMaskJson_Fails_WhenTheRecordIsNotJson()
    {
        Assert.False(PersonalDataMask.TryMaskJson("not json"u8, out var masked));
        Assert.Empty(masked);
    }
}
