using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Archive.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Issue 3, "a 2 GiB recording streamed through upload, seal and read-back with the process's peak memory bounded":
/// the real host as a child process on filesystem stores, its peak resident set size read from /proc.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LargeRecordingTests(ITestOutputHelper output)
{
    private const long Length = 2L << 30;
    private const string VideoPath = "录像/开标现场全程.mp4";

    /// <summary>
    /// The bound on the host's peak resident set size. An idle host (runtime, ASP.NET Core, Hangfire, Npgsql) sits near
    /// 100–150 MiB; streaming needs a few MiB of buffers per transfer. 400 MiB leaves room for the GC's slack yet is a
    /// fifth of the item: any path that buffered the recording (or a large share of it) would blow through it.
    /// </summary>
    private const long PeakBound = 400L << 20;

    [Fact]
    public async Task Recording2GiB_StreamsThroughUploadSealAndReadBack_WithPeakMemoryBounded()
    {
        var settings = await ChildHost.NewSettingsAsync();
        // clamscan runs in its own process, whose memory this test does not measure, and scanning 2 GiB costs the suite
        // about two CPU-minutes: the recording is scanned up to 64 MiB and recorded as partly scanned (MalwareScanLimitTests
        // covers that record).
        settings["ARCHIVE_CLAMAV_MAX_BYTES"] = (64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var data = settings["ARCHIVE_DATA_DIR"]!;
        try
        {
            var clock = Stopwatch.StartNew();
            var sha = Convert.ToHexStringLower(await RecordingStream.Sha256Async(Length));
            output.WriteLine($"generate + hash 2 GiB in the test: {clock.Elapsed.TotalSeconds:F1} s");

            await using var host = await ChildHost.StartAsync(settings);
            var (baseline, _) = host.ReadMemory();
            var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(host.ClientWith(settings["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"]));
            var ingest = host.ClientWith(ingestToken);
            var archivist = host.ClientWith(archivistToken);
            var code = SampleProject.NewCode();
            var submission = await IngestFlow.OpenAsync(ingest, code);
            await IngestFlow.UploadAsync(ingest, submission, SampleProject.RequiredItems());

            clock.Restart();
            var put = await ingest.PutItemStreamAsync(submission, VideoPath, "av-recording", "video/mp4", new RecordingStream(Length), Length, sha);
            Assert.True(put.StatusCode == HttpStatusCode.Created, $"{put.StatusCode}: {await put.Content.ReadAsStringAsync()}\n{host.Tail}");
            var upload = clock.Elapsed;
            var afterUpload = host.ReadMemory().Peak;

            clock.Restart();
            await IngestFlow.SealAsync(ingest, submission);
            var state = await ingest.WaitForArchivedAsync(submission, TimeSpan.FromMinutes(10));
            var seal = clock.Elapsed;
            var afterSeal = host.ReadMemory().Peak;

            clock.Restart();
            using (var read = await archivist.GetAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(VideoPath)}", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                Assert.Equal(Length, read.Content.Headers.ContentLength);
                Assert.Equal(sha, Convert.ToHexStringLower(await SHA256.HashDataAsync(await read.Content.ReadAsStreamAsync())));
            }

            var readBack = clock.Elapsed;
            clock.Restart();
            long zipBytes;
            using (var zip = await archivist.GetAsync($"/api/v1/projects/{code}/versions/1/bag", HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
                await using var counter = new CountingSink();
                await (await zip.Content.ReadAsStreamAsync()).CopyToAsync(counter);
                zipBytes = counter.Count;
            }

            var bagZip = clock.Elapsed;
            Assert.True(zipBytes > Length, $"the bag zip has {zipBytes} bytes, fewer than the recording");
            var (peak, current) = host.ReadMemory();

            clock.Restart();
            var bag = Path.Combine(data, "offline", (await LedgerInvariants.AssertSealsAsync(archivist))[code][0].GetProperty("bag").GetString()!);
            Assert.Equal(state.GetProperty("ledgerIndex").GetInt64(), (await BagChecks.AssertValidAsync(bag, archivist, code, 1)).LedgerIndex);
            var validate = clock.Elapsed;

            output.WriteLine($"upload 2 GiB: {upload.TotalSeconds:F1} s ({Length / upload.TotalSeconds / (1 << 20):F0} MiB/s)");
            output.WriteLine($"seal (promote, bag, ledger, confirm): {seal.TotalSeconds:F1} s");
            output.WriteLine($"read back through /items: {readBack.TotalSeconds:F1} s ({Length / readBack.TotalSeconds / (1 << 20):F0} MiB/s)");
            output.WriteLine($"bag zip download ({zipBytes} bytes): {bagZip.TotalSeconds:F1} s");
            output.WriteLine($"offline bag validation (BagValidator, sha256sum, Go verifier): {validate.TotalSeconds:F1} s");
            output.WriteLine($"host VmHWM: started {Mib(baseline)} MiB, after upload {Mib(afterUpload)} MiB, after seal {Mib(afterSeal)} MiB, at the end {Mib(peak)} MiB");
            output.WriteLine($"host VmRSS: peak sampled every 100 ms {Mib(host.PeakSampledRss)} MiB, at the end {Mib(current)} MiB; bound {Mib(PeakBound)} MiB");
            Assert.True(peak < PeakBound, $"the host's peak resident set was {Mib(peak)} MiB, over the {Mib(PeakBound)} MiB bound");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static long Mib(long bytes) => bytes >> 20;

    /// <summary>A write-only stream that only counts.</summary>
    private sealed class CountingSink : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
