using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Handover;

/// <summary>Issue 11 §2: venue recordings of every category carry room, channel and times, checked against ffprobe at seal.</summary>
public sealed class RecordingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, bool> AuctionFlags = new() { ["onSiteAuction"] = true, ["electronicAuction"] = true };

    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync(new Dictionary<string, string?> { ["ARCHIVE_PROBE_MEDIA"] = "true" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LandAuction_WithHallAndDesktopRecordings_Seals()
    {
        var (_, id) = await OpenLandAuctionAsync();
        var video = await TestMedia.VideoAsync(_host.DataDirectory, 3);
        Assert.Equal(HttpStatusCode.Created, (await PutRecordingAsync(id, "音视频/拍卖厅-1号机位.mp4", "hall-recording", video, "拍卖厅", "1号机位", 3)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutRecordingAsync(id, "音视频/电子竞价录屏.mp4", "auction-screen-recording", video, "电子竞价室", "桌面录屏", 3)).StatusCode);

        var seal = await _host.Ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);
        Assert.True(seal.StatusCode == HttpStatusCode.Accepted, await seal.Content.ReadAsStringAsync());
        await _host.Ingest.WaitForArchivedAsync(id);
        var record = JsonDocument.Parse(await File.ReadAllBytesAsync(Directory.EnumerateFiles(
            Path.Combine(_host.DataDirectory, "offline"), "seal-checks.json", SearchOption.AllDirectories).Single())).RootElement;
        var hall = record.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString() == "音视频/拍卖厅-1号机位.mp4");
        var recording = hall.GetProperty("usability").GetProperty("recording");
        Assert.Equal(("拍卖厅", "1号机位", "ok"), (recording.GetProperty("room").GetString(), recording.GetProperty("channel").GetString(), recording.GetProperty("durationCheck").GetString()));
    }

    [Fact]
    public async Task Seal_ListsDurationContradictionWithOtherProblems_AndUploadRefusesMissingMetadata()
    {
        var (_, id) = await OpenLandAuctionAsync();
        var video = await TestMedia.VideoAsync(_host.DataDirectory, 2);

        // Missing metadata on a recording role: refused at upload with a stable code, nothing recorded.
        var bare = await _host.Ingest.PutItemAsync(id, "音视频/无元数据.mp4", "hall-recording", "video/mp4", video);
        var problem = await bare.AssertProblemAsync(HttpStatusCode.BadRequest, "item.recording-metadata");
        Assert.Contains("X-Recording-Room", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(9, (await _host.Ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}/items")).GetArrayLength());

        // A 2-second clip declared as 60 seconds, and no desktop recording: both reported at once.
        Assert.Equal(HttpStatusCode.Created, (await PutRecordingAsync(id, "音视频/拍卖厅.mp4", "hall-recording", video, "拍卖厅", "2号机位", 60)).StatusCode);
        var seal = await _host.Ingest.PostAsync($"/api/v1/submissions/{id}/seal", null);
        var body = await seal.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "submission.incomplete");
        var codes = body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("code").GetString(), p.GetProperty("field").GetString())).ToList();
        Assert.Contains(("item.recording-duration", "音视频/拍卖厅.mp4"), codes);
        Assert.Contains(("checklist.missing-role", "auction-screen-recording"), codes);
    }

    private async Task<(string Code, Guid Id)> OpenLandAuctionAsync()
    {
        var (code, id) = await HandoverCalls.OpenAsync(_host, _host.Ingest, "land", AuctionFlags);
        foreach (var role in new[] { "transfer-plan", "transfer-notice", "transfer-documents", "bid-applications", "deposit-receipts", "bidding-record", "deal-confirmation", "result-publicity", "transfer-contract" })
        {
            Assert.Equal(HttpStatusCode.Created, (await _host.Ingest.PutItemAsync(id, $"文件/{role}.pdf", role, "application/pdf", SampleProject.Pdf(role))).StatusCode);
        }

        return (code, id);
    }

    private Task<HttpResponseMessage> PutRecordingAsync(Guid id, string path, string role, byte[] video, string room, string channel, int seconds)
    {
        var content = new ByteArrayContent(video);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("video/mp4");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/submissions/{id}/items/{SampleProject.EscapePath(path)}") { Content = content };
        request.Headers.Add("X-Item-Role", role);
        request.Headers.Add("X-Recording-Room", Uri.EscapeDataString(room));
        request.Headers.Add("X-Recording-Channel", Uri.EscapeDataString(channel));
        request.Headers.Add("X-Recording-Start", "2026-03-12T09:30:00+08:00");
        request.Headers.Add("X-Recording-End", $"2026-03-12T09:{30 + (seconds / 60):D2}:{seconds % 60:D2}+08:00");
        return _host.Ingest.SendAsync(request);
    }
}
