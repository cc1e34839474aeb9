using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Archive.Ingest.Reading.Internal;
using NodaTime;

namespace Archive.Ingest.Tests.Reading;

public sealed class ZipStreamWriterTests
{
    private static readonly (string Name, byte[] Bytes)[] Files =
    [
        ("bag/bagit.txt", "BagIt-Version: 1.0\n"u8.ToArray()),
        ("bag/data/公告/交易公告.pdf", RandomNumberGenerator.GetBytes(300_001)),
        ("bag/data/空文件.txt", []),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writer_ProducesArchiveThatDotNetAndUnzipRead_WhenOutputCannotSeek(bool zip64)
    {
        var bytes = await WriteAsync(zip64);

        using (var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            Assert.Equal(Files.Select(f => f.Name), archive.Entries.Select(e => e.FullName));
            foreach (var (name, content) in Files)
            {
                var entry = archive.GetEntry(name)!;
                await using var stream = await entry.OpenAsync();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.Equal(content, copy.ToArray());
                Assert.Equal(new DateTime(2026, 3, 1, 14, 30, 10), entry.LastWriteTime.DateTime);
            }
        }

        var path = Path.Combine(Directory.CreateTempSubdirectory("zip-test-").FullName, "t.zip");
        await File.WriteAllBytesAsync(path, bytes);
        var (exit, output) = await RunAsync("unzip", "-t", path);
        Assert.True(exit == 0, output);
        Assert.Contains("No errors detected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_Throws_WhenContentIsNotTheExpectedSizeOrDigest()
    {
        var writer = new ZipStreamWriter(new NonSeekableStream(new MemoryStream()), new LocalDateTime(2026, 1, 1, 0, 0));
        await Assert.ThrowsAsync<InvalidDataException>(() => writer.AddAsync("a", new MemoryStream([1, 2, 3]), 4, null, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => writer.AddAsync("b", new MemoryStream([1, 2, 3]), 3, new string('0', 64), CancellationToken.None));
    }

    private static async Task<byte[]> WriteAsync(bool zip64)
    {
        var sink = new MemoryStream();
        var writer = new ZipStreamWriter(new NonSeekableStream(sink), new LocalDateTime(2026, 3, 1, 14, 30, 11), zip64);
        foreach (var (name, content) in Files)
        {
            await writer.AddAsync(name, new MemoryStream(content), content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), CancellationToken.None);
        }

        await writer.FinishAsync(CancellationToken.None);
        Assert.Equal(sink.Length, writer.Position);
        return sink.ToArray();
    }

    private static async Task<(int, string)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
