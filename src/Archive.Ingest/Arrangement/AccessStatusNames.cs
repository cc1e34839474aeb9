namespace Archive.Ingest.Arrangement;

/// <summary>The Chinese names of 开放状态 and 密级 (<see cref="VersionAccessStatus"/>), as reports and screens write them.</summary>
public static class AccessStatusNames
{
    /// <summary>开放状态 in Chinese, 未鉴定 when never set.</summary>
    /// <param name="openStatus">The slug, or null.</param>
    public static string OpenStatus(string? openStatus) => openStatus switch
    {
        "open" => "开放",
        "closed" => "不开放",
        _ => "未鉴定",
    };

    /// <summary>密级 in Chinese, 未标定 when never set.</summary>
    /// <param name="classification">The slug, or null.</param>
    public static string Classification(string? classification) => classification switch
    {
        "public" => "公开",
        "internal" => "内部",
        "secret" => "秘密",
        "confidential" => "机密",
        "top-secret" => "绝密",
        _ => "未标定",
    };
}
