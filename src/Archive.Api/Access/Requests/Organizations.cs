using System.Text;

namespace Archive.Api.Access.Requests;

/// <summary>Comparison of organisation names as people type them (full-width and half-width forms, spaces, case).</summary>
public static class Organizations
{
    /// <summary>Whether two organisation names name the same organisation.</summary>
    /// <param name="a">One name, or null.</param>
    /// <param name="b">Another name, or null.</param>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    private static string Key(string name) =>
        new(name.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant).ToArray());
}
