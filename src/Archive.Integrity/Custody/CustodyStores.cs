using Archive.Storage;

namespace Archive.Integrity.Custody;

/// <summary>The stores of the two copies, as custody sees them.</summary>
/// <param name="Online">The online store.</param>
/// <param name="Offline">The offline store.</param>
public sealed record CustodyStores(IObjectStore Online, IObjectStore Offline)
{
    /// <summary>The store of one copy.</summary>
    /// <param name="copy">The copy.</param>
    public IObjectStore Of(CopyKind copy) => copy == CopyKind.Online ? Online : Offline;
}
