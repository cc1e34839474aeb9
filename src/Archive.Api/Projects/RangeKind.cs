namespace Archive.Api.Projects;

/// <summary>How a request's <c>Range</c> resolved.</summary>
internal enum RangeKind
{
    /// <summary>No (usable) range: the whole representation, 200.</summary>
    Whole,

    /// <summary>One satisfiable range: 206.</summary>
    Partial,

    /// <summary>The range starts beyond the end: 416 with <c>Content-Range: bytes */size</c>.</summary>
    Unsatisfiable,
}
