namespace Archive.Ingest.Submissions;

/// <summary>One 缺件说明 as sent: the missing checklist role and the written reason.</summary>
/// <param name="Role">The missing required role.</param>
/// <param name="Reason">Why it is missing (Chinese text, 1–2000 characters).</param>
public sealed record GapInput(string? Role, string? Reason);
