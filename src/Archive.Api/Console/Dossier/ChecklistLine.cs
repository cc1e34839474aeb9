using Archive.Ingest.Policies;
using NodaTime;

namespace Archive.Api.Console.Dossier;

/// <summary>One line of a project's completeness checklist (归档清单).</summary>
/// <param name="Role">The role slug.</param>
/// <param name="Title">The Chinese title.</param>
/// <param name="Requirement">Required, conditional or optional.</param>
/// <param name="Present">Whether the latest version holds an item of the role (or an alternative).</param>
/// <param name="MissingSince">Since when a required item is reported missing (the outstanding-items record), if it is.</param>
public sealed record ChecklistLine(string Role, string Title, Requirement Requirement, bool Present, Instant? MissingSince);
