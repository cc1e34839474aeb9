using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Admin;

/// <summary>Creating a principal (新建主体), as <c>POST /api/v1/principals</c> does: privileged roles become proposals.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class NewPrincipalModel(PrincipalStore principals) : PageModel
{
    /// <summary>The refusal to show, if any.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>The principal created.</summary>
    public Principal? Created { get; private set; }

    /// <summary>Its token, shown once.</summary>
    public string? Token { get; private set; }

    /// <summary>The values entered.</summary>
    [BindProperty]
    public PrincipalsApi.CreatePrincipalRequest Input { get; set; } = new(null, Roles.Archivist, null);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? regions, string? codePrefixes, CancellationToken ct)
    {
        try
        {
            var body = Input with { Regions = Split(regions), CodePrefixes = Split(codePrefixes) };
            (Created, Token) = await PrincipalsApi.CreateCheckedAsync(body, principals, User.PrincipalId(), ct);
        }
        catch (ArchiveException e)
        {
            Refusal = ConsoleRefusal.Of(e);
        }

        return Page();
    }

    private static string[] Split(string? text) =>
        (text ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
