using Archive.Api.Principals;

namespace Archive.Api.Console.Pages.Admin;

/// <summary>Role lists for the administration pages' <c>[Authorize(Roles = …)]</c>.</summary>
public static class AdminRoles
{
    /// <summary>Any of the three administrators (三员).</summary>
    public const string Any = Roles.Admin + "," + Roles.SecurityAdmin + "," + Roles.AuditAdmin;
}
