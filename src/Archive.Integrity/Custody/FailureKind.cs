namespace Archive.Integrity.Custody;

/// <summary>How a stored object failed verification (the <c>kind</c> of a failure in CONTRACT §8).</summary>
public static class FailureKind
{
    /// <summary>The bytes do not have the sealed digests.</summary>
    public const string Mismatch = "mismatch";

    /// <summary>No object under the key.</summary>
    public const string Missing = "missing";

    /// <summary>Fewer bytes than sealed.</summary>
    public const string Truncated = "truncated";

    /// <summary>More bytes than sealed.</summary>
    public const string WrongSize = "wrong-size";

    /// <summary>The store failed while reading.</summary>
    public const string Unreadable = "unreadable";
}
