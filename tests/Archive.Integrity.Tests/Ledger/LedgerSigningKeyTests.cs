using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;

namespace Archive.Integrity.Tests.Ledger;

public sealed class LedgerSigningKeyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ledger-key-{Guid.NewGuid():N}");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void LoadOrCreate_WritesOwnerOnlyFile_AndReusesIt()
    {
        var path = Path.Combine(_directory, "data", "ledger-signing-key");

        var created = LedgerSigningKey.LoadOrCreate(null, path, "a.example/log");
        var reused = LedgerSigningKey.LoadOrCreate("", path, "a.example/log");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(created.ToSignerKey(), reused.ToSignerKey());
        Assert.Equal(created.ToSignerKey() + "\n", File.ReadAllText(path));
        Assert.StartsWith("PRIVATE+KEY+a.example/log+", created.ToSignerKey(), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void LoadOrCreate_PrefersConfiguredKey_AndWritesNoFile()
    {
        var path = Path.Combine(_directory, "ledger-signing-key");
        var configured = NoteSigner.Generate("a.example/log");

        var loaded = LedgerSigningKey.LoadOrCreate(configured.ToSignerKey(), path, "a.example/log");

        Assert.Equal(configured.ToSignerKey(), loaded.ToSignerKey());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void LoadOrCreate_Refuses_WhenKeyNameIsNotOrigin()
    {
        var path = Path.Combine(_directory, "ledger-signing-key");
        LedgerSigningKey.LoadOrCreate(null, path, "a.example/log");

        Assert.Throws<InvalidOperationException>(() => LedgerSigningKey.LoadOrCreate(null, path, "b.example/log"));
        Assert.Throws<InvalidOperationException>(() =>
            LedgerSigningKey.LoadOrCreate(NoteSigner.Generate("c.example/log").ToSignerKey(), path, "b.example/log"));
        Assert.Throws<InvalidOperationException>(() => LedgerSigningKey.LoadOrCreate("PRIVATE+KEY+garbage", path, "b.example/log"));
    }

    [Fact]
    public async Task LoadOrCreate_AgreesOnOneKey_WhenCalledConcurrently()
    {
        var path = Path.Combine(_directory, "ledger-signing-key");

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => LedgerSigningKey.LoadOrCreate(null, path, "a.example/log").ToSignerKey())));

        Assert.Single(keys.Distinct());
        Assert.Single(Directory.GetFiles(_directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
