using Archive.Integrity.Manifests;
using NodaTime.Text;

namespace Archive.Ingest.Retention;

/// <summary>The column <c>version_items.retain_until</c> as sealing and the catalogue rebuild write it.</summary>
internal static class ItemRetentionDates
{
    /// <summary>Each item's own last day of retention as ISO text (cast to <c>date[]</c> in SQL), null when permanent or not recorded.</summary>
    public static string?[] Of(IReadOnlyList<ManifestItem> items) =>
        items.Select(i => i.Retention?.Until is { } until ? LocalDatePattern.Iso.Format(until) : null).ToArray();
}
