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
}
