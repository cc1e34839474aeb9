namespace Archive.Ingest.Import;

/// <summary>How the import of one project folder ended.</summary>
public enum ImportOutcome
{
    /// <summary>Sealed as the project's first version (导入).</summary>
    Imported,

    /// <summary>Sealed as the next version of an archived project (补充).</summary>
    Supplemented,

    /// <summary>Identical content is archived already; nothing was sent (跳过).</summary>
    Skipped,

    /// <summary>Not archived; the reason and any seal problems are reported (失败).</summary>
    Failed,
}
