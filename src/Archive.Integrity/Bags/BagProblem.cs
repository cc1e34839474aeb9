namespace Archive.Integrity.Bags;

/// <summary>One reason a bag is not valid.</summary>
/// <param name="Code">Stable code, e.g. <c>bag.digest-mismatch</c>.</param>
/// <param name="Path">The file concerned, if any.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record BagProblem(string Code, string? Path, string Message);
