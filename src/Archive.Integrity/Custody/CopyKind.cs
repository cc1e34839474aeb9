namespace Archive.Integrity.Custody;

/// <summary>The two independent copies of every sealed version (在线副本 / 离线副本).</summary>
public enum CopyKind
{
    /// <summary>The online store: content-addressed objects and manifests.</summary>
    Online = 1,

    /// <summary>The offline store: one BagIt bag per version.</summary>
    Offline = 2,
}
