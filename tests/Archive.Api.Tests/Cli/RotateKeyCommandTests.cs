using Archive.Api.Cli;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Notes;
using Archive.Testing;

namespace Archive.Api.Tests.Cli;

/// <summary><c>ledger rotate-key</c> with the host stopped, then the host restarted on the next keys.</summary>
[Collection(CliCollection.Name)]
public sealed class RotateKeyCommandTests
{
    [Fact]
    public async Task RotateKey_NextKeysSignLaterCheckpoints_EarlierOnesKeepTheirKeys_AndTheAuditFollows()
    {
        var data = Directory.CreateTempSubdirectory("archive-rotate-test-").FullName;
        var database = await TestServices.CreateDatabaseAsync("rotate");
        try
        {
            string oldKey, oldNote, adminToken;
            await using (var first = await ArchiveApiFactory.CreateAsync(database: database, dataDirectory: data))
            {
                adminToken = first.AdminToken!;
                var admin = first.ClientWith(first.AdminToken);
                await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
                oldNote = await admin.WaitForCheckpointCoveringAsync(0);
                oldKey = (await admin.GetStringAsync("/api/v1/ledger/key")).Trim();
            }

            var (restarted, rotationIndex) = await RotateAndRestartAsync(database, data, adminToken);
            await using var _ = restarted;
            var client = restarted.ClientWith(adminToken);
            var newKey = (await client.GetStringAsync("/api/v1/ledger/key")).Trim();
            var newSm2 = (await client.GetStringAsync("/api/v1/ledger/key/sm2")).Trim();
            await client.CreatePrincipalAsync("曲靖市电子交易系统", "ingest", "曲靖市公共资源交易中心");
            // The hand-over checkpoint (size rotationIndex + 1) is signed by both generations; the next one by the new keys only.
            var newNote = await client.WaitForCheckpointCoveringAsync(rotationIndex + 1);

            Assert.NotEqual(oldKey, newKey);
            Assert.True(File.Exists(Path.Combine(data, $"ledger-signing.key.retired-{oldKey.Split('+')[1]}")));
            SignedNote.Open(oldNote, NoteVerifier.Parse(oldKey));
            Assert.Throws<NoteVerificationException>(() => SignedNote.Open(oldNote, NoteVerifier.Parse(newKey)));
            SignedNote.Open(newNote, NoteVerifier.Parse(newKey));
            Assert.Throws<NoteVerificationException>(() => SignedNote.Open(newNote, NoteVerifier.Parse(oldKey)));
            var (sm2Code, sm2Output) = await OpenSslSm2.VerifyNoteAsync(newNote, newSm2);
            Assert.True(sm2Code == 0, sm2Output);

            var (audit, auditOutput) = await CliRun.RunAsync(["verify", "--ledger"], CliRun.SettingsOf(restarted));
            Assert.True(audit == ArchiveCli.Success, auditOutput);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(ArchiveApiFactory Factory, long RotationIndex)> RotateAndRestartAsync(string database, string data, string adminToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ARCHIVE_DATA_DIR"] = data,
            ["ARCHIVE_DB"] = database,
            ["ARCHIVE_ONLINE"] = "file:" + Path.Combine(data, "online"),
            ["ARCHIVE_OFFLINE"] = "file:" + Path.Combine(data, "offline"),
        };
        var (code, output) = await CliRun.RunAsync(["ledger", "rotate-key"], settings);
        Assert.True(code == ArchiveCli.Success, output);
        var index = long.Parse(
            System.Text.RegularExpressions.Regex.Match(output, @"轮换条目序号 (\d+)（ledger\.key-rotated）").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var factory = await ArchiveApiFactory.CreateAsync(
            new Dictionary<string, string?> { ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = adminToken }, database: database, dataDirectory: data);
        return (factory, index);
    }
}
