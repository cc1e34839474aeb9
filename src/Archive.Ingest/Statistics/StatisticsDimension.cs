namespace Archive.Ingest.Statistics;

/// <summary>How annual figures (统计报表) are broken down.</summary>
public enum StatisticsDimension
{
    /// <summary>The whole archive: one row.</summary>
    Total,

    /// <summary>By trading category (交易类别).</summary>
    Category,

    /// <summary>By administrative region code (行政区划).</summary>
    Region,

    /// <summary>By trading platform (交易平台), the ingest principal's organisation.</summary>
    Platform,
}
