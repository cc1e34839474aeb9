namespace Archive.Core.Errors;

/// <summary>One problem of a refusal that reports every problem at once (一次性告知).</summary>
/// <param name="Code">Stable code, e.g. <c>checklist.missing-role</c>.</param>
/// <param name="Field">The offending field or item path, if any.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record ArchiveProblem(string Code, string? Field, string Message);
