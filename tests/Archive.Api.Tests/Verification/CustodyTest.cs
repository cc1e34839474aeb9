using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Verification;

/// <summary>
/// A host with a tiny chunk size (64 bytes) so that a 1 000-byte item spans many chunks, a sealed sample project with
/// such an item, and helpers to tamper with the filesystem copies the way an operator's mistake or an attacker would.
/// </summary>
public abstract class CustodyTest : IAsyncLifetime
{
    public const int ChunkBytes = 64;

    public const string RecordingPath = "音视频/开标录像.mp4";

    protected ArchiveApiFactory Factory { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    protected HttpClient Archivist { get; private set; } = null!;

    protected string Code { get; private set; } = null!;

    protected byte[] Recording { get; } = MakeRecording();

    protected string OnlineRoot => Path.Combine(Factory.DataDirectory, "online");

    protected string OfflineRoot => Path.Combine(Factory.DataDirectory, "offline");

    public virtual async Task InitializeAsync()
    {
        Factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["ARCHIVE_CUSTODY_CHUNK_BYTES"] = ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ARCHIVE_JOB_POLL_SECONDS"] = "1",
            ["ARCHIVE_VERIFY_READ_MBPS"] = "0",
        });
        Admin = Factory.ClientWith(Factory.AdminToken);
        var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(Admin);
        Archivist = Factory.ClientWith(archivistToken);
        Code = await SealAsync(Factory.ClientWith(ingestToken));
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>1 000 bytes that pass the MP4 signature check (<c>ftyp</c> at offset 4), different in every chunk.</summary>
    private static byte[] MakeRecording()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => unchecked((byte)((i * 31) + 7))).ToArray();
        "ftyp"u8.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    private async Task<string> SealAsync(HttpClient ingest)
    {
        var code = SampleProject.NewCode();
        var submission = await IngestFlow.OpenAsync(ingest, code);
        await IngestFlow.UploadAsync(ingest, submission, SampleProject.RequiredItems().Append((RecordingPath, "av-recording", "video/mp4", Recording)));
        await IngestFlow.SealAsync(ingest, submission);
        await ingest.WaitForArchivedAsync(submission);
        return code;
    }

    /// <summary>The file of the recording's content-addressed online object.</summary>
    protected string OnlineRecordingFile()
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Recording));
        return Path.Combine(OnlineRoot, "objects", "sha256", sha[..2], sha[2..4], sha);
    }

    /// <summary>The bag folder of version 1 in the offline store.</summary>
    protected string BagFolder() => Directory.GetDirectories(OfflineRoot).Single(d => File.Exists(Path.Combine(d, "v1", "bagit.txt"))) + "/v1";

    /// <summary>The recording's payload file in the bag.</summary>
    protected string OfflineRecordingFile() => Path.Combine(BagFolder(), "data", RecordingPath);

    protected static void FlipByte(string file, long at)
    {
        using var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = at;
        var b = stream.ReadByte();
        stream.Position = at;
        stream.WriteByte((byte)(b ^ 0x01));
    }

    protected static void Truncate(string file, long length)
    {
        using var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(length);
    }

    protected async Task<JsonElement> SummaryAsync() => await Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{Code}");

    /// <summary>Starts a run and waits until it completes (60 s at most).</summary>
    protected async Task<JsonElement> RunVerificationAsync(object? body = null)
    {
        var response = await Archivist.PostAsJsonAsync("/api/v1/verification/runs", body ?? new { });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var run = await Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/verification/runs/{id}");
            if (run.GetProperty("status").GetString() == "completed")
            {
                return run;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"verification run {id} did not complete");
    }
}
