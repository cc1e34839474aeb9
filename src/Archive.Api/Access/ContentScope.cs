namespace Archive.Api.Access;

/// <summary>What a caller wants to do with a project's content (CONTRACT §7 <c>scope</c>).</summary>
public enum ContentScope
{
    /// <summary>Read it online (查询/调阅): summary, manifest, items.</summary>
    Read,

    /// <summary>Take a copy away (复制): the offline bag as a zip. A copy grant also allows reading.</summary>
    Copy,
}
