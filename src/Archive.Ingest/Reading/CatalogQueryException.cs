using Archive.Core.Errors;

namespace Archive.Ingest.Reading;

/// <summary>A catalogue search that cannot run as asked (bad date, unknown category, invalid credit code …).</summary>
public sealed class CatalogQueryException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal (<see cref="ErrorKind.Invalid"/> or <see cref="ErrorKind.Forbidden"/>).</param>
    /// <param name="code">The stable code, <c>catalog.*</c>.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending query parameter.</param>
    public CatalogQueryException(ErrorKind kind, string code, string message, string field)
        : base(kind, code, message, field, null)
    {
    }

    /// <summary>A malformed or invalid parameter.</summary>
    internal static CatalogQueryException Invalid(string code, string message, string field) => new(ErrorKind.Invalid, code, message, field);
}
