using Archive.Core.Errors;

namespace Archive.Api.Statistics;

/// <summary>A refused statistics request (e.g. a year out of range); nothing is changed by it.</summary>
public sealed class StatisticsException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field.</param>
    public StatisticsException(ErrorKind kind, string code, string message, string? field = null)
        : base(kind, code, message, field, null)
    {
    }
}
