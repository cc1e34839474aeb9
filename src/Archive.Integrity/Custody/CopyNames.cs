namespace Archive.Integrity.Custody;

/// <summary>The names of <see cref="CopyKind"/> as the API, the database and the ledger spell them.</summary>
public static class CopyNames
{
    /// <summary><c>online</c>.</summary>
    public const string Online = "online";

    /// <summary><c>offline</c>.</summary>
    public const string Offline = "offline";

    /// <summary>The name of a copy.</summary>
    /// <param name="copy">The copy.</param>
    public static string Of(CopyKind copy) => copy == CopyKind.Online ? Online : Offline;

    /// <summary>Parses a name; null when it is neither.</summary>
    /// <param name="name">The name.</param>
    public static CopyKind? Parse(string? name) => name switch
    {
        Online => CopyKind.Online,
        Offline => CopyKind.Offline,
        _ => null,
    };

    /// <summary>The other copy.</summary>
    /// <param name="copy">A copy.</param>
    public static CopyKind Other(CopyKind copy) => copy == CopyKind.Online ? CopyKind.Offline : CopyKind.Online;
}
