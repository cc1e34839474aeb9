namespace Archive.Api.Access.Requests;

/// <summary>The states of an access request (申请状态). <see cref="Expired"/> is derived: an approved request whose grant ended.</summary>
public static class AccessRequestStatus
{
    /// <summary>Filed, awaiting its document or a decision (待审批).</summary>
    public const string Pending = "pending";

    /// <summary>Approved: a grant exists (已批准).</summary>
    public const string Approved = "approved";

    /// <summary>Rejected at some level (未批准).</summary>
    public const string Rejected = "rejected";

    /// <summary>Its grant was revoked (已撤销).</summary>
    public const string Revoked = "revoked";

    /// <summary>Its grant ran out (已过期).</summary>
    public const string Expired = "expired";

    /// <summary>The Chinese label of a status.</summary>
    /// <param name="status">A status.</param>
    public static string Label(string status) => status switch
    {
        Pending => "待审批",
        Approved => "已批准",
        Rejected => "未批准",
        Revoked => "已撤销",
        Expired => "已过期",
        _ => status,
    };
}
