namespace Archive.Ingest.Policies;

/// <summary>One completeness problem of a submission against its checklist.</summary>
/// <param name="Code">A stable code: <c>checklist.missing-role</c> or <c>checklist.unknown-role</c>.</param>
/// <param name="Role">The role concerned (for a missing item: its own role slug).</param>
/// <param name="Message">A message in Chinese naming the item(s) by title and slug.</param>
public sealed record ChecklistProblem(string Code, string Role, string Message)
{
    /// <summary>Code of a required item that is missing.</summary>
    public const string MissingRole = "checklist.missing-role";

    /// <summary>Code of an item whose role the policy does not know.</summary>
    public const string UnknownRole = "checklist.unknown-role";
}
