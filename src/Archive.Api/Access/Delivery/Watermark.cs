namespace Archive.Api.Access.Delivery;

/// <summary>The visible marking of a PDF delivered under a grant (水印): who, which organisation, which approval, when.</summary>
/// <param name="Reader">查阅人.</param>
/// <param name="Organization">单位.</param>
/// <param name="ApprovalNumber">审批单号.</param>
/// <param name="Time">时间, local (Asia/Shanghai), <c>yyyy-MM-dd HH:mm:ss</c>.</param>
public sealed record Watermark(string Reader, string Organization, string ApprovalNumber, string Time)
{
    /// <summary>The one-line text printed on every page.</summary>
    public string Text => $"查阅人：{Reader}　单位：{Organization}　审批单号：{ApprovalNumber}　时间：{Time}";
}
