using Archive.Api.Hosting;
using Archive.Ingest.Reading;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Projects;

public static partial class ProjectsApi
{
    /// <summary>
    /// A catalogue entry: metadata only (dates ISO-8601 UTC; <c>receivedAt</c> is what <c>from</c>/<c>to</c> filter);
    /// <c>match</c> says where a full-text search matched (null without <c>text</c>).
    /// </summary>
    public sealed record CatalogEntryView(
        string Code, string Name, string Category, string? Region, string Platform, int? LatestVersion,
        string ReceivedAt, string? FirstSealedAt, string? LastSealedAt, TextMatchView? Match)
    {
        internal static CatalogEntryView Of(CatalogEntry e) => new(e.Code, e.Name, e.Category, e.Region, e.Platform, e.LatestVersion,
            Iso(e.ReceivedAt), IsoOrNull(e.FirstSealedAt), IsoOrNull(e.LastSealedAt),
            e.Match is { } m ? new TextMatchView(m.Version, m.Path, m.Snippet) : null);
    }

    /// <summary>The item whose text matched a full-text search (the highest version holding it) and a snippet.</summary>
    public sealed record TextMatchView(int Version, string Path, string Snippet);

    /// <summary>One page of the catalogue.</summary>
    public sealed record CatalogPageView(IReadOnlyList<CatalogEntryView> Items, int Page, int PageSize, long Total);

    /// <summary>The state of one copy of every version.</summary>
    public sealed record CopiesView(string Online, string Offline);

    /// <summary>A sealed version in a summary.</summary>
    public sealed record VersionView(
        int Version, string SealedAt, string ManifestSha256, string? Previous, long LedgerIndex, int ItemCount, long Bytes,
        string? RetainUntil, string ArchivedAt, CopiesView Copies)
    {
        /// <summary>The version's 档号 (archival code), for versions sealed since codes are allocated.</summary>
        public string? ArchivalCode { get; init; }

        /// <summary>The version's open/closed status and 密级 as last set by an archivist, or null when never set.</summary>
        public object? AccessStatus { get; init; }

        /// <summary>The items of this version disposed on their own (their retention ended before the version's): path and tombstone ledger index.</summary>
        public IReadOnlyList<object> DisposedItems { get; init; } = [];

        internal static VersionView Of(VersionSummary v) => new(v.Version, Iso(v.SealedAt), v.ManifestSha256, v.PreviousSha256, v.LedgerIndex,
            v.ItemCount, v.Bytes, v.RetainUntil is { } d ? LocalDatePattern.Iso.Format(d) : null, Iso(v.ArchivedAt), new CopiesView(v.OnlineState, v.OfflineState));
    }

    /// <summary>The project's unfinished submission.</summary>
    public sealed record SubmissionStateView(Guid Id, string Status, string CreatedAt, string? SealRequestedAt, int ItemCount, int ProblemCount)
    {
        internal static SubmissionStateView Of(OpenSubmissionState s) =>
            new(s.Id, s.Status, Iso(s.CreatedAt), IsoOrNull(s.SealRequestedAt), s.ItemCount, s.ProblemCount);
    }

    /// <summary>A required item not handed over, and since when (seed §5.6.6).</summary>
    public sealed record MissingItemView(string Role, string Message, string Since, string LastReportedAt, int Attempts)
    {
        internal static MissingItemView Of(OutstandingItem m) => new(m.Role, m.Message, Iso(m.Since), Iso(m.LastReportedAt), m.Attempts);
    }

    /// <summary>
    /// A project summary; <c>lastVerification</c> (per copy) stays null until a verification run completes; <c>copies</c>
    /// says what each copy's store enforces for the sealed objects (<c>worm</c>: retention by the backend); <c>parties</c>
    /// as the current metadata names them (names with identity numbers masked; no identity numbers).
    /// </summary>
    public sealed record ProjectSummaryView(
        CatalogEntryView Project, IReadOnlyList<VersionView> Versions, object? LastVerification,
        SubmissionStateView? Submission, IReadOnlyList<MissingItemView> MissingItems, IReadOnlyList<CopyProtection> Copies,
        IReadOnlyList<PartyView> Parties)
    {
        /// <summary>The project's legal holds (active and released), for archivists and approvers; null for other roles.</summary>
        public IReadOnlyList<object>? Holds { get; init; }

        internal static ProjectSummaryView Of(ProjectSummary s, object? lastVerification, IReadOnlyList<CopyProtection> copies) => new(
            CatalogEntryView.Of(s.Project), s.Versions.Select(VersionView.Of).ToList(), lastVerification,
            s.Submission is { } sub ? SubmissionStateView.Of(sub) : null, s.MissingItems.Select(MissingItemView.Of).ToList(), copies,
            s.Parties.Select(p => new PartyView(p.Role, p.Name, p.CreditCode, p.IsAgency)).ToList());
    }

    /// <summary>A party of the project.</summary>
    public sealed record PartyView(string Role, string Name, string? CreditCode, bool Agency);

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static string? IsoOrNull(Instant? instant) => instant is { } i ? Iso(i) : null;
}
