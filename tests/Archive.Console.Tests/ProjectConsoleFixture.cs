using Archive.Api.Tests.Catalogue;
using Archive.Api.Tests.Infrastructure;
using Archive.Console.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Console.Tests;

/// <summary>
/// A console host with one sealed project: two PDFs with Chinese text, a one-minute WAV recording, parties with credit
/// codes; waits until its full text is recorded.
/// </summary>
public sealed class ProjectConsoleFixture : IAsyncLifetime
{
    public const string RecordingPath = "录音/开标现场.wav";

    public ConsoleHost Host { get; } = new();

    public string Code { get; } = "S530102" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0000009";

    public string OwnerCode { get; } = CatalogueSearchFixture.CreditCode("530102", "5");

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var ingest = Host.Factory.ClientWith((await Host.Admin.CreatePrincipalAsync("省级电子交易系统", "ingest", "云南省公共资源交易中心", codePrefixes: ["S53"])).Token);
        var id = await CatalogueSearchFixture.SealAsync(ingest, Code, "五华区普吉路道路提升改造工程（控制台测试）", "530102",
            [CatalogueSearchFixture.Party("招标人", "昆明市五华区城市更新建设管理中心", OwnerCode)],
            CatalogueSearchFixture.WuhuaNotice, "评标委员会由五名专家组成，推荐第一中标候选人。",
            (RecordingPath, "av-recording", "audio/wav", Wav(TimeSpan.FromSeconds(60))));
        await ingest.WaitForArchivedAsync(id);

        var db = Host.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await using var count = db.CreateCommand("SELECT count(*) FROM ingest.item_texts WHERE project_code = $1");
            count.Parameters.Add(new() { Value = Code });
            if ((long)(await count.ExecuteScalarAsync())! >= 3)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("the full text was not recorded within 90 s");
    }

    public Task DisposeAsync() => Host.DisposeAsync();

    /// <summary>A mono 8 kHz 16-bit PCM WAV of a quiet 440 Hz tone.</summary>
    private static byte[] Wav(TimeSpan length)
    {
        const int rate = 8000;
        var samples = (int)(rate * length.TotalSeconds);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(36 + (samples * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            w.Write((short)(2000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }

        w.Flush();
        return stream.ToArray();
    }
}
