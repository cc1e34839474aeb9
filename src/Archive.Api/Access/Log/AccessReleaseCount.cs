namespace Archive.Api.Access.Log;

/// <summary>How often one organisation read and copied one project's content in a period.</summary>
/// <param name="Organization">The reader's organisation (null when the principal has none).</param>
/// <param name="Project">The project code.</param>
/// <param name="Reads"><c>access.read</c> entries.</param>
/// <param name="Copies"><c>access.copied</c> entries.</param>
public sealed record AccessReleaseCount(string? Organization, string Project, long Reads, long Copies);
