using System.Globalization;
using Archive.Api.Access;
using Archive.Ingest.Reading;
using Archive.Ingest.Submissions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Projects;

/// <summary>
/// The item view: the page checks access as the content endpoint does, then the browser reads the content from that
/// endpoint (one ledgered read, with the auditor's watermark or masking the endpoint applies): PDFs in the browser's
/// own viewer, audio and video in native players (seeking with HTTP Range), JSON records as a table.
/// </summary>
[Authorize]
public sealed class ItemModel(IContentAccess access, ProjectCatalog catalog) : PageModel
{
    /// <summary>The project code.</summary>
    public string Code { get; private set; } = "";

    /// <summary>The item, when found and allowed.</summary>
    public SealedItem? Item { get; private set; }

    /// <summary>The version shown.</summary>
    public int Version { get; private set; }

    /// <summary>The refusal, when the endpoint would refuse.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Checks access and finds the item.</summary>
    /// <param name="code">The project code route value.</param>
    /// <param name="path">The item path route value.</param>
    /// <param name="version">The version (default: latest).</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<IActionResult> OnGetAsync(string code, string? path, string? version, CancellationToken ct)
    {
        Code = ProjectRoute.CodeOf(code);
        var decision = await access.AuthorizeAsync(User, Code, ContentScope.Read, ct);
        if (!decision.IsAllowed)
        {
            return Refuse(StatusCodes.Status403Forbidden, decision.ProblemCode ?? "auth.forbidden", decision.ProblemMessage ?? "无权查看该项目。");
        }

        int? number = int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : null;
        if (await catalog.FindVersionAsync(Code, number, ct) is not { } sealedVersion)
        {
            return Refuse(StatusCodes.Status404NotFound, "version.not-found", "该项目没有此封存版本（或尚未封存）。");
        }

        Version = sealedVersion.Version;
        Item = await catalog.FindItemAsync(sealedVersion, ItemPath.Normalize(path?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)), ct);
        return Item is null ? Refuse(StatusCodes.Status404NotFound, "item.not-found", $"第 {Version} 版中没有该条目。") : Page();
    }

    /// <summary>The content endpoint of the item.</summary>
    public string ContentUrl => "/api/v1/projects/" + Uri.EscapeDataString(Code) + "/items/"
        + string.Join('/', Item!.Path.Split('/').Select(Uri.EscapeDataString)) + "?version=" + Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>How the item is shown: <c>pdf</c>, <c>video</c>, <c>audio</c>, <c>json</c> or <c>download</c>.</summary>
    public string Kind => Item!.MediaType.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/pdf" => "pdf",
        "application/json" => "json",
        var t when t.StartsWith("video/", StringComparison.Ordinal) => "video",
        var t when t.StartsWith("audio/", StringComparison.Ordinal) => "audio",
        _ => "download",
    };

    private PageResult Refuse(int status, string code, string message)
    {
        Refusal = new ConsoleRefusal(code, message);
        Response.StatusCode = status;
        return Page();
    }
}
