namespace Archive.Api.Grants;

/// <summary>One problem with an access request, as listed in a problem+json answer.</summary>
/// <param name="Code">A stable code, e.g. <c>access.days-range</c>.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
/// <param name="Field">The offending field, e.g. <c>projects[1]</c>.</param>
public sealed record AccessProblem(string Code, string Message, string? Field);
