namespace Archive.Ingest.Arrangement;

/// <summary>A version's open/closed status (开放状态) and confidentiality level (密级).</summary>
/// <param name="OpenStatus"><c>open</c> (开放) or <c>closed</c> (不开放).</param>
/// <param name="Classification"><c>public</c> 公开, <c>internal</c> 内部, <c>secret</c> 秘密, <c>confidential</c> 机密, <c>top-secret</c> 绝密.</param>
/// <param name="LedgerIndex">The <c>version.access-status-set</c> entry that set it.</param>
public sealed record VersionAccessStatus(string OpenStatus, string Classification, long LedgerIndex)
{
    /// <summary>The accepted open statuses.</summary>
    public static IReadOnlyList<string> OpenStatuses { get; } = ["open", "closed"];

    /// <summary>The accepted classifications.</summary>
    public static IReadOnlyList<string> Classifications { get; } = ["public", "internal", "secret", "confidential", "top-secret"];
}
