using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages;

/// <summary>The workbench (工作台): what needs attention, each a link to act on it.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
