using Archive.Core.Errors;

namespace Archive.Api.Console;

/// <summary>A refusal as the console shows it (<c>_Refusal</c> partial): the problem's stable code and its Chinese message.</summary>
/// <param name="Code">The stable code, e.g. <c>auth.forbidden</c>.</param>
/// <param name="Message">The Chinese message.</param>
public sealed record ConsoleRefusal(string Code, string Message)
{
    /// <summary>The refusal of <paramref name="exception"/>.</summary>
    /// <param name="exception">A refusal thrown by a service.</param>
    public static ConsoleRefusal Of(ArchiveException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception.Code, exception.UserMessage);
    }
}
