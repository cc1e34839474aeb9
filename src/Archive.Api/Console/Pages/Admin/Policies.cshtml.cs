using Archive.Ingest.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Admin;

/// <summary>The retention policies (保存期限策略) loaded from <c>retention-policies/</c>, read-only.</summary>
[Authorize(Roles = AdminRoles.Any)]
public sealed class PoliciesModel(PolicyCatalog catalog) : PageModel
{
    /// <summary>The policies.</summary>
    public IReadOnlyList<RetentionPolicy> Policies => catalog.Policies;

    public void OnGet()
    {
    }

    /// <summary>A period in Chinese.</summary>
    /// <param name="period">The period.</param>
    public static string PeriodName(RetentionPeriod period) => period.IsPermanent ? "永久" : $"{period.Years} 年";
}
