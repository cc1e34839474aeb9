namespace Archive.Ingest.Policies;

/// <summary>How strongly a checklist item is required before a submission may be sealed.</summary>
public enum Requirement
{
    /// <summary>Required (必须归档): sealing is incomplete without it.</summary>
    Required,

    /// <summary>Required when its condition flag is true in the submission's metadata (视情况归档).</summary>
    Conditional,

    /// <summary>Optional (可选归档): accepted, never demanded.</summary>
    Optional,
}
