using Archive.Ingest.Metadata;
using Archive.Ingest.Metadata.Internal;

namespace Archive.Ingest.Submissions;

/// <summary>
/// The project codes a trading platform may submit (编号归属), as an administrator bound them to its ingest principal:
/// region codes (2, 4 or 6 leading digits of a GB/T 2260 code; <c>53</c> is all of Yunnan, <c>5301</c> 昆明市 and its
/// counties) matched against the region inside a code of the specified forms, and code prefixes matched against the
/// normalised code (the only way to own free-form legacy codes).
/// </summary>
/// <param name="Regions">Region code prefixes.</param>
/// <param name="CodePrefixes">Project-code prefixes.</param>
public sealed record CodeOwnership(IReadOnlyList<string> Regions, IReadOnlyList<string> CodePrefixes)
{
    /// <summary>Owns nothing: a platform not yet bound may submit no project.</summary>
    public static CodeOwnership None { get; } = new([], []);

    /// <summary>Whether the platform owns <paramref name="code"/>.</summary>
    /// <param name="code">The parsed project code.</param>
    public bool Owns(ProjectCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.RegionCode is { } region && Regions.Any(r => region.StartsWith(r, StringComparison.Ordinal)))
        {
            return true;
        }

        return CodePrefixes.Any(p => code.Normalized.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Whether <paramref name="value"/> is a usable region binding: 2, 4 or 6 digits.</summary>
    /// <param name="value">The candidate.</param>
    public static bool IsRegion(string? value) =>
        value is { Length: 2 or 4 or 6 } && value.AsSpan().ContainsOnlyDigits();
}
