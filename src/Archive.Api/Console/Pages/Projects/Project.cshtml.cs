using Archive.Api.Console.Dossier;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Projects;

/// <summary>
/// 项目档案: one project's metadata, parties, versions and manifests, checklist, items with digests, copies and
/// verification, and its ledger entries with the in-browser proof check; refused exactly as the API refuses.
/// </summary>
[Authorize]
public sealed class ProjectModel(ProjectDossierReader reader) : PageModel
{
    /// <summary>The project code (normalised).</summary>
    public string Code { get; private set; } = "";

    /// <summary>The dossier, when the caller may see it.</summary>
    public ProjectDossier? Dossier { get; private set; }

    /// <summary>The refusal, when not.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Reads the dossier through the API's services and rules.</summary>
    /// <param name="code">The code from the route (a <c>/</c> inside it as <c>%2F</c>).</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Code = ProjectRoute.CodeOf(code);
        (Dossier, Refusal) = await reader.ReadAsync(User, Code, ct);
        if (Refusal is not null)
        {
            Response.StatusCode = Refusal.Code == "project.not-found" ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        }

        return Page();
    }

    /// <summary>The API address of the project (its code escaped as one segment).</summary>
    public string Api => "/api/v1/projects/" + Uri.EscapeDataString(Code);
}
