namespace Archive.Api.Problems;

/// <summary>
/// Gives the framework's own problems — a body that is not valid JSON, an unknown address, a wrong method — the same
/// shape as every other refusal: a stable <c>code</c> and a Chinese message. Problems that carry a code are left alone.
/// </summary>
public static class GenericProblems
{
    /// <summary>Fills in code, type, title and detail of a problem that has none (<c>ProblemDetailsOptions.CustomizeProblemDetails</c>).</summary>
    /// <param name="context">The problem being written.</param>
    public static void Fill(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var (code, message) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("request.malformed", "请求格式错误：请求体不是有效的 JSON，或参数无法解析。"),
            StatusCodes.Status404NotFound => ("request.not-found", "请求的地址不存在。"),
            StatusCodes.Status405MethodNotAllowed => ("request.method-not-allowed", "该地址不支持此请求方法。"),
            StatusCodes.Status415UnsupportedMediaType => ("request.unsupported-media-type", "不支持的请求内容类型。"),
            _ => (null, null),
        };
        if (code is null)
        {
            return;
        }

        problem.Extensions["code"] = code;
        problem.Type = $"urn:archive:problem:{code}";
        problem.Title = message;
        problem.Detail = message;
    }
}
