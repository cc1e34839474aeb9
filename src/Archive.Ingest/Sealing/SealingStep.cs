namespace Archive.Ingest.Sealing;

/// <summary>The steps of <see cref="SealingJob"/>, in order; each is idempotent and skips work already done.</summary>
public enum SealingStep
{
    /// <summary>Fix the version number and seal time (once; never reassigned).</summary>
    FixVersion = 1,

    /// <summary>Promote staged items to content-addressed objects in the online store.</summary>
    Promote = 2,

    /// <summary>Build the manifest and store its bytes online.</summary>
    Manifest = 3,

    /// <summary>Write the offline bag's payload, payload manifests and <c>archive/manifest.json</c>.</summary>
    Bag = 4,

    /// <summary>Append <c>package.sealed</c>, wait for a covering checkpoint, write the evidence and the tag manifest.</summary>
    Ledger = 5,

    /// <summary>Confirm both copies, then record the version and mark the submission archived.</summary>
    Confirm = 6,
}
