using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Custody;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Verification;

/// <summary>
/// A host with a tiny chunk size (64 bytes) so that a 1 000-byte item spans many chunks, and a sealed sample project with
/// such an item, on filesystem stores or on the stores a test names; tampering goes through <see cref="StoreTampering"/>.
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

    protected CustodyStores Stores => Factory.Services.GetRequiredService<CustodyStores>();

    /// <summary>The recording's content-addressed online key.</summary>
    protected string OnlineRecordingKey => ContentKey(Recording);

    /// <summary>The key prefix of version 1's bag in the offline store (<c>…/v1/</c>).</summary>
    protected string BagPrefix { get; private set; } = null!;

    /// <summary>The recording's payload key in the bag.</summary>
    protected string OfflineRecordingKey => BagPrefix + "data/" + RecordingPath;

    /// <summary>Starts a host on filesystem stores, unless the test class starts its own (<see cref="StartAsync"/>).</summary>
    public virtual Task InitializeAsync() => StartAsync("file", "file");

    public virtual async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
            Directory.Delete(Factory.DataDirectory, recursive: true);
        }
    }

    /// <summary>Starts the host on an online and an offline store of the given kinds and seals the sample project.</summary>
    /// <param name="online"><c>file</c> or <c>s3</c>.</param>
    /// <param name="offline"><c>file</c>, <c>s3</c> or <c>azure</c>.</param>
    /// <param name="settings">Further settings.</param>
    protected async Task StartAsync(string online, string offline, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("archive-custody-test-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["ARCHIVE_ONLINE"] = StoreUris.New(online, data, "online"),
            ["ARCHIVE_OFFLINE"] = StoreUris.New(offline, data, "offline"),
            ["ARCHIVE_DATA_DIR"] = data,
            ["ARCHIVE_CUSTODY_CHUNK_BYTES"] = ChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ARCHIVE_JOB_POLL_SECONDS"] = "1",
            ["ARCHIVE_VERIFY_READ_MBPS"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = await ArchiveApiFactory.CreateAsync(all, dataDirectory: data);
        Admin = Factory.ClientWith(Factory.AdminToken);
        var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(Admin);
        Archivist = Factory.ClientWith(archivistToken);
        Code = await SealAsync(Factory.ClientWith(ingestToken));
        BagPrefix = (await StoreTampering.SingleKeyAsync(Stores.Offline, "", "/v1/bagit.txt"))[..^"bagit.txt".Length];
    }

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
        await ingest.WaitForArchivedAsync(submission, TimeSpan.FromSeconds(90));
        return code;
    }

    /// <summary>The content-addressed online key of <paramref name="bytes"/>.</summary>
    protected static string ContentKey(byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return $"objects/sha256/{sha[..2]}/{sha[2..4]}/{sha}";
    }

    protected async Task<JsonElement> SummaryAsync() => await Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{Code}");

    /// <summary>Starts a run and waits until it completes (60 s at most).</summary>
    protected Task<JsonElement> RunVerificationAsync(object? body = null) => Archivist.RunVerificationAsync(body);
}
