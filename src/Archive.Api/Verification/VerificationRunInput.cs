namespace Archive.Api.Verification;

/// <summary>The body of <c>POST /api/v1/verification/runs</c>; both fields optional (all projects, both copies).</summary>
/// <param name="Projects">Project codes to verify, or null for all.</param>
/// <param name="Copies"><c>online</c> and/or <c>offline</c>, or null for both.</param>
public sealed record VerificationRunInput(IReadOnlyList<string>? Projects, IReadOnlyList<string>? Copies);
