namespace Archive.Ingest.Reading;

/// <summary>What the catalogue is sorted by; ties are broken by code so pages never overlap.</summary>
public enum CatalogSort
{
    /// <summary>When the first submission was received (the default, newest first).</summary>
    ReceivedAt,

    /// <summary>The project code.</summary>
    Code,

    /// <summary>The project name.</summary>
    Name,

    /// <summary>When the latest version was sealed (unsealed projects last).</summary>
    SealedAt,

    /// <summary>The trading category.</summary>
    Category,

    /// <summary>The region code.</summary>
    Region,
}
