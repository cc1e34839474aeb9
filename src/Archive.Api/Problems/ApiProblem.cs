namespace Archive.Api.Problems;

/// <summary>
/// Builds the <c>application/problem+json</c> answers of the API: every error has a stable
/// <c>code</c>, a message in Chinese, and where it applies the offending <c>field</c>.
/// </summary>
public static class ApiProblem
{
    /// <summary>A problem result with the given status, stable code and Chinese message.</summary>
    public static IResult Of(int status, string code, string message, string? field = null, object? details = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        if (details is not null)
        {
            extensions["problems"] = details;
        }

        return TypedResults.Problem(detail: message, statusCode: status, title: message, type: $"urn:archive:problem:{code}", extensions: extensions);
    }

    /// <summary>400 for a malformed or invalid request field.</summary>
    public static IResult BadRequest(string code, string message, string? field = null) => Of(StatusCodes.Status400BadRequest, code, message, field);

    /// <summary>404 for something that does not exist (or that the caller may not know exists).</summary>
    public static IResult NotFound(string code, string message) => Of(StatusCodes.Status404NotFound, code, message);

    /// <summary>409 for a request that conflicts with the current state.</summary>
    public static IResult Conflict(string code, string message) => Of(StatusCodes.Status409Conflict, code, message);
}
