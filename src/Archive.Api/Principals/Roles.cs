namespace Archive.Api.Principals;

/// <summary>The roles of CONTRACT §2 (角色).</summary>
public static class Roles
{
    /// <summary>A trading system (电子交易系统).</summary>
    public const string Ingest = "ingest";

    /// <summary>The centre's archive staff (档案管理员).</summary>
    public const string Archivist = "archivist";

    /// <summary>Leadership signing off access (内部审批).</summary>
    public const string Approver = "approver";

    /// <summary>Supervision, discipline-inspection or audit agency (监督/纪检监察/审计).</summary>
    public const string Auditor = "auditor";

    /// <summary>Operator: principals and settings, no content access.</summary>
    public const string Admin = "admin";

    /// <summary>Every role, in the order of CONTRACT §2.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Archivist, Approver, Auditor, Admin];

    /// <summary>Whether <paramref name="role"/> is one of the roles.</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
