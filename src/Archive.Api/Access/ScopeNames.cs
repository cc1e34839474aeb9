
namespace Archive.Api.Access;

/// <summary>The wire names of <see cref="ContentScope"/> (<c>read</c>, <c>copy</c>) and their Chinese labels.</summary>
public static class ScopeNames
{
    /// <summary>The wire name.</summary>
    /// <param name="scope">The scope.</param>
    public static string Of(ContentScope scope) => scope == ContentScope.Copy ? "copy" : "read";

    /// <summary>The Chinese label: 查阅 or 复制.</summary>
    /// <param name="scope">The scope.</param>
    public static string Label(ContentScope scope) => scope == ContentScope.Copy ? "复制（含查阅）" : "查阅";

    /// <summary>Parses a stored wire name.</summary>
    /// <param name="text">read or copy.</param>
    /// <exception cref="InvalidOperationException">Anything else (the database constrains the column).</exception>
    public static ContentScope Parse(string text) =>
        TryParse(text, out var scope) ? scope : throw new InvalidOperationException($"Unknown stored scope '{text}'.");

    /// <summary>Parses a wire name (exact, lower case).</summary>
    /// <param name="text">The text.</param>
    /// <param name="scope">The scope, when recognised.</param>
    public static bool TryParse(string? text, out ContentScope scope)
    {
        switch (text)
        {
            case "read":
                scope = ContentScope.Read;
                return true;
            case "copy":
                scope = ContentScope.Copy;
                return true;
            default:
                scope = ContentScope.Read;
                return false;
        }
    }
}
