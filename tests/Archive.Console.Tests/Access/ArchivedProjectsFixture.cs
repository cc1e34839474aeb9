using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Console.Tests.Infrastructure;

namespace Archive.Console.Tests.Access;

/// <summary>
/// A console host with two archived projects of category <c>other</c> (A and B), each holding a real PDF at
/// <see cref="PdfPath"/> (one PDFsharp can watermark), and an archivist's bearer client for checking what the pages did.
/// </summary>
public sealed class ArchivedProjectsFixture : IAsyncLifetime
{
    public const string PdfPath = "文件/交易文件.pdf";

    public ConsoleHost Host { get; } = new();

    public string CodeA { get; private set; } = null!;

    public string CodeB { get; private set; } = null!;

    /// <summary>The original bytes of A's PDF.</summary>
    public byte[] PdfA { get; } = GrantsHost.RealPdf("交易文件 A");

    /// <summary>An archivist with a bearer token, to read ledger entries.</summary>
    public HttpClient Archivist { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var ingest = Client((await Host.Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心")).Token);
        Archivist = Client((await Host.Admin.CreatePrincipalAsync("核对档案员", "archivist", "云南省公共资源交易中心")).Token);
        CodeA = await ArchiveAsync(ingest, PdfA);
        CodeB = await ArchiveAsync(ingest, GrantsHost.RealPdf("交易文件 B"));
    }

    public async Task DisposeAsync()
    {
        Archivist?.Dispose();
        await Host.DisposeAsync();
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Host.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<string> ArchiveAsync(HttpClient ingest, byte[] pdf)
    {
        var code = SampleProject.NewCode();
        var submission = await IngestFlow.OpenAsync(ingest, code);
        await IngestFlow.UploadAsync(ingest, submission, SampleProject.RequiredItems().Select(i => i.Path == PdfPath ? (i.Path, i.Role, i.MediaType, pdf) : i));
        await IngestFlow.SealAsync(ingest, submission);
        await ingest.WaitForArchivedAsync(submission, TimeSpan.FromSeconds(90));
        return code;
    }
}
