namespace Archive.Ingest.Arrangement;

/// <summary>
/// How the centre forms 档号 (archival codes, DA/T 13 / DA/T 22): fonds code – category – year – retention tier – item
/// number. <see cref="Pattern"/> holds the placeholders <c>{fonds}</c>, <c>{category}</c>, <c>{year}</c>, <c>{tier}</c>
/// and <c>{number}</c> (zero-padded to <see cref="NumberDigits"/>); numbers count per fonds, category, year and tier.
/// </summary>
public sealed class ArchivalCodeOptions
{
    /// <summary>The default pattern.</summary>
    public const string DefaultPattern = "{fonds}-{category}-{year}-{tier}-{number}";

    /// <summary>The centre's fonds code (全宗号; <c>ARCHIVE_FONDS_CODE</c>, default <c>F001</c>).</summary>
    public string FondsCode { get; init; } = "F001";

    /// <summary>The code pattern (<c>ARCHIVE_ARCHIVAL_CODE_PATTERN</c>).</summary>
    public string Pattern { get; init; } = DefaultPattern;

    /// <summary>Digits of the item number (<c>{number}</c>), zero-padded; default 4.</summary>
    public int NumberDigits { get; init; } = 4;
}
