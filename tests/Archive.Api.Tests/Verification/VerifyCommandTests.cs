using Archive.Api.Cli;
using Archive.Api.Tests.Cli;
using Archive.Api.Tests.Infrastructure;
using Spectre.Console;

namespace Archive.Api.Tests.Verification;

/// <summary><c>./archive verify</c>: the same run as the endpoint, worked by the command's own host.</summary>
[Collection(CliCollection.Name)]
public sealed class VerifyCommandTests : CustodyTest
{
    [Fact]
    public async Task Verify_RepairsTheOnlineCopy_AndReportsTheRun()
    {
        await StoreTampering.FlipByteAsync(Stores.Online, OnlineRecordingKey, 42);
        var settings = new Dictionary<string, string?>(CliRun.SettingsOf(Factory)) { ["ARCHIVE_CUSTODY_CHUNK_BYTES"] = ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var (exit, text) = await CliRun.RunAsync(["verify", "--project", Code, "--copy", "online"], settings);
        Assert.True(exit == ArchiveCli.Success, text);
        Assert.Contains($"{RecordingPath}: mismatch, 已修复", text, StringComparison.Ordinal);
        Assert.Contains("状态 completed", text, StringComparison.Ordinal);
        Assert.Equal(Recording, await StoreTampering.ReadAsync(Stores.Online, OnlineRecordingKey));
        Assert.Equal(ArchiveCli.Usage, (await CliRun.RunAsync(["verify", "--copy", "tape"], settings)).ExitCode);
    }
}
