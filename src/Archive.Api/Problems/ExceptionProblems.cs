using Archive.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Archive.Integrity.Database;
using Npgsql;

namespace Archive.Api.Problems;

/// <summary>
/// Translates exceptions into problem+json in one place, so endpoints need not catch: every library refusal is an
/// <see cref="ArchiveException"/>, whose <see cref="ErrorKind"/> is mapped to an HTTP status here and nowhere else.
/// A database that cannot be reached or is restarting (a transient <see cref="NpgsqlException"/>, also when a library
/// wrapped it) is a 503 <c>database.unavailable</c> with <c>Retry-After</c>: the request did nothing, or what it
/// committed stands, and the same request may be sent again. Anything else unexpected is a 500 with a stable code and
/// no internal detail.
/// </summary>
public sealed partial class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    /// <summary>The HTTP status of a kind of refusal.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The status code.</returns>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.RangeNotSatisfiable => StatusCodes.Status416RangeNotSatisfiable,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Integrity => StatusCodes.Status500InternalServerError,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem+json answer for a refusal: its status, code, Chinese message, field and problems.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The problem result.</returns>
    public static IResult ProblemOf(ArchiveException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return ApiProblem.Of(StatusOf(refusal.Kind), refusal.Code, refusal.UserMessage, refusal.Field, refusal.Problems.Count > 0 ? refusal.Problems : null);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var result = exception switch
        {
            ArchiveException e => ProblemOf(e),
            BadHttpRequestException e => ApiProblem.Of(e.StatusCode, "request.malformed", "请求格式错误。"),
            _ => null,
        };
        if (result is null && DatabaseFailures.Transient(exception) is { } database)
        {
            LogDatabaseUnavailable(logger, database.GetType().FullName, (database as PostgresException)?.SqlState, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "5";
            result = ApiProblem.Of(StatusCodes.Status503ServiceUnavailable, "database.unavailable", "数据库暂时不可用，请稍后重试。");
        }
        else if (result is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(logger, exception.GetType().FullName, httpContext.Request.Path, exception.StackTrace);
            result = ApiProblem.Of(StatusCodes.Status500InternalServerError, "internal", "服务器内部错误，已记录。");
        }
        else if (exception is ArchiveException { Kind: ErrorKind.Integrity or ErrorKind.Unavailable } failure)
        {
            LogFailure(logger, failure.Kind, failure.GetType().FullName, failure.Code, httpContext.Request.Path);
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Database unavailable ({ExceptionType}, SQL state {SqlState}) on {Path}; answered 503")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string? exceptionType, string? sqlState, string path);

    // Only the type and path: exception messages may carry submitted data, which may be personal.
    [LoggerMessage(EventId = 1500, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path} at {StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string? exceptionType, string path, string? stackTrace);

    // Refusals the caller cannot fix: an operator must look (integrity) or may need to (a store that does not answer).
    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "{Kind} refusal {ExceptionType} ({Code}) on {Path}")]
    private static partial void LogFailure(ILogger logger, ErrorKind kind, string? exceptionType, string code, string path);
}
