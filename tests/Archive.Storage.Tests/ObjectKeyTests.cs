namespace Archive.Storage.Tests;

public class ObjectKeyTests
{
    [Theory]
    [InlineData("objects/sha256/ab/cd0123")]
    [InlineData("staging/1/招标文件/第一册.pdf")]
    [InlineData("staging/7/数据/文件.pdf")]
    [InlineData("a")]
    [InlineData(".hidden/x")]
    [InlineData("a+b c/~d%20e.txt")]
    public void Normalize_AcceptsKey_WhenValid(string key) => Assert.Equal(key, ObjectKey.Normalize(key));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../etc/passwd", "'..'")]
    [InlineData("a/../b", "'..'")]
    [InlineData("a/./b", "'.'")]
    [InlineData("/abs/path", "absolute")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a\u0000b", "control")]
    [InlineData("a\nb", "control")]
    [InlineData("a\u007fb", "control")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/", "trailing")]
    public void Normalize_RefusesKey_WhenItBreaksARule(string key, string reasonPart)
    {
        var e = Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Normalize(key));
        Assert.Contains(reasonPart, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Equal("storage.invalid-key", e.Code);
    }

    [Fact]
    public void Normalize_RefusesKey_WhenUnpairedSurrogate()
    {
        // Built in code: attribute arguments would turn the lone surrogate into U+FFFD.
        var key = "a" + (char)0xD800 + "b";
        Assert.Contains("Unicode", Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Normalize(key)).Message);
    }

    [Fact]
    public void Normalize_RefusesKey_WhenTooLong()
    {
        Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Normalize(new string('x', 256)));
        Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Normalize(string.Join('/', Enumerable.Repeat(new string('x', 200), 6))));
        // 85 Chinese characters are 255 UTF-8 bytes: still one valid segment; 86 are not.
        Assert.True(ObjectKey.IsValid(new string('档', 85)));
        Assert.False(ObjectKey.IsValid(new string('档', 86)));
    }

    [Fact]
    public void Normalize_ReturnsNfc_WhenGivenDecomposedForm()
    {
        var decomposed = "staging/cafe\u0301/文件.pdf";
        Assert.Equal("staging/caf\u00e9/文件.pdf", ObjectKey.Normalize(decomposed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("staging/")]
    [InlineData("staging/1/招")]
    [InlineData("a/.")]
    public void NormalizePrefix_AcceptsPartialKeys(string prefix) => Assert.Equal(prefix, ObjectKey.NormalizePrefix(prefix));

    [Theory]
    [InlineData("/abs")]
    [InlineData("a//")]
    [InlineData("../")]
    [InlineData("a\\")]
    public void NormalizePrefix_Refuses_WhenNoValidKeyCouldStartWithIt(string prefix) =>
        Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.NormalizePrefix(prefix));

    [Fact]
    public void Normalize_RefusesKey_WhenItHasMoreSegmentsThanAzureBlobAllows()
    {
        var most = string.Join('/', Enumerable.Repeat("s", ObjectKey.MaxSegments));

        Assert.Equal(most, ObjectKey.Normalize(most));
        var e = Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Normalize(most + "/s"));
        Assert.Contains("segments", e.Message, StringComparison.Ordinal);
    }
}
