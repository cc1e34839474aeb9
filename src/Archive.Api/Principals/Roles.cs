namespace Archive.Api.Principals;

/// <summary>
/// The roles of CONTRACT §2 (角色), with the administrator split into three (三员分立): <see cref="Admin"/> the system
/// administrator, <see cref="SecurityAdmin"/> and <see cref="AuditAdmin"/>.
/// </summary>
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

    /// <summary>System administrator (系统管理员): principals and settings, no content access.</summary>
    public const string Admin = "admin";

    /// <summary>Security administrator (安全管理员): confirms privileged principals proposed by another administrator.</summary>
    public const string SecurityAdmin = "security-admin";

    /// <summary>Audit administrator (安全审计员): reads the ledger and the access log, changes nothing.</summary>
    public const string AuditAdmin = "audit-admin";

    /// <summary>Every role, in the order of CONTRACT §2, then the two administrators added beside <see cref="Admin"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Archivist, Approver, Auditor, Admin, SecurityAdmin, AuditAdmin];

    /// <summary>The three administrators.</summary>
    public static IReadOnlyList<string> Administrators { get; } = [Admin, SecurityAdmin, AuditAdmin];

    /// <summary>Whether <paramref name="role"/> is one of the roles.</summary>
    /// <param name="role">The candidate.</param>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Whether creating or re-enabling a principal of <paramref name="role"/> needs a second administrator's
    /// confirmation (two-person rule): every role that reaches content, decides access, or administers.
    /// </summary>
    /// <param name="role">The role.</param>
    public static bool NeedsConfirmation(string role) => role is not Ingest;
}
