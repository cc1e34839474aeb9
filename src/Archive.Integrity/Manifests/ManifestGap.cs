namespace Archive.Integrity.Manifests;

/// <summary>
/// A recorded gap (缺件说明) of a version sealed incomplete: a required item that was missing, why, and the archivist
/// who recorded the reason. Written in the optional <c>gaps</c> member of <c>archive-manifest/1</c>.
/// </summary>
public sealed record ManifestGap
{
    /// <summary>Creates a gap.</summary>
    /// <param name="role">The missing checklist role (a slug).</param>
    /// <param name="title">The role's Chinese title.</param>
    /// <param name="reason">The written reason.</param>
    /// <param name="recordedBy">The archivist's principal id.</param>
    /// <exception cref="ArgumentException">A field is empty or not valid text, or the role is not a slug.</exception>
    public ManifestGap(string role, string title, string reason, string recordedBy)
    {
        Role = ManifestRules.IsSlug(role) ? role : throw new ArgumentException("The role is a lower-case slug.", nameof(role));
        Title = ManifestRules.Text(title, nameof(title));
        Reason = ManifestRules.Text(reason, nameof(reason));
        RecordedBy = ManifestRules.Text(recordedBy, nameof(recordedBy));
    }

    /// <summary>The missing checklist role.</summary>
    public string Role { get; }

    /// <summary>The role's Chinese title.</summary>
    public string Title { get; }

    /// <summary>The written reason (缺件说明).</summary>
    public string Reason { get; }

    /// <summary>The archivist who recorded it (principal id).</summary>
    public string RecordedBy { get; }
}
