using Archive.Ingest.Submissions;
using Archive.Integrity.Custody;
using Archive.Integrity.Ledger;
using Archive.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Archive.Api.Problems;

/// <summary>
/// Translates the libraries' exceptions into problem+json in one place, so endpoints need not catch.
/// Anything unexpected is a 500 with a stable code and no internal detail.
/// </summary>
public sealed partial class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            IngestException e => ApiProblem.Of(StatusOf(e.Kind), e.Code, e.Message, e.Field, e.Problems.Count > 0 ? e.Problems : null),
            ContentLostException => ApiProblem.Of(StatusCodes.Status500InternalServerError, ContentLostException.Code, ContentLostException.ChineseMessage),
            ContentIntegrityException => ApiProblem.Of(StatusCodes.Status503ServiceUnavailable, ContentIntegrityException.Code, "内容未通过校验，已拒绝输出并安排修复，请稍后重试。"),
            LedgerArgumentException e => ApiProblem.BadRequest(e.Code, "账本参数无效：" + e.Message),
            ObjectNotFoundException => ApiProblem.NotFound("storage.not-found", "对象不存在。"),
            InvalidObjectKeyException => ApiProblem.BadRequest("storage.invalid-key", "路径无效：不得含 ..、绝对路径、反斜杠、控制字符或空段。"),
            BadHttpRequestException e => ApiProblem.Of(e.StatusCode, "request.malformed", "请求格式错误。"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (result is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(logger, exception.GetType().FullName, httpContext.Request.Path, exception.StackTrace);
            result = ApiProblem.Of(StatusCodes.Status500InternalServerError, "internal", "服务器内部错误，已记录。");
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    private static int StatusOf(IngestErrorKind kind) => kind switch
    {
        IngestErrorKind.Invalid => StatusCodes.Status400BadRequest,
        IngestErrorKind.NotFound => StatusCodes.Status404NotFound,
        IngestErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        IngestErrorKind.Conflict => StatusCodes.Status409Conflict,
        IngestErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        IngestErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };

    // Only the type and path: exception messages may carry submitted data, which may be personal.
    [LoggerMessage(EventId = 1500, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path} at {StackTrace}")]
    private static partial void LogUnhandled(ILogger logger, string? exceptionType, string path, string? stackTrace);
}
