using System.Text.Json.Nodes;
using NodaTime;

namespace Archive.Ingest.Handover;

/// <summary>A project with an open submission, as the overdue monitor sees it.</summary>
internal sealed record OpenProject(
    Guid SubmissionId, string ProjectCode, string Name, string Platform, string? Region, JsonObject Metadata, Instant FirstSubmittedAt);
