using Archive.Api.Auth;
using Archive.Ingest.Policies;

namespace Archive.Api.RetentionPolicies;

/// <summary><c>GET /api/v1/policies</c>: the retention policies and checklists loaded from <c>retention-policies/</c>.</summary>
public static class PoliciesApi
{
    /// <summary>Maps the endpoint (any authenticated principal: trading systems need the checklists).</summary>
    public static void MapPoliciesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/policies", (PolicyCatalog catalog) => TypedResults.Ok(catalog.Policies.Select(PolicyView.Of)))
            .RequireAuthorization(Policies.Authenticated).WithTags("policies")
            .WithSummary("各交易类别的保存期限、归档期限与归档清单（必须/视情况/可选；recording 为真的音视频类型须带录制元数据）。");

    /// <summary>A retention rule: period in years (null = permanent), start event, legal basis and its status.</summary>
    public sealed record RuleView(int? Years, bool Permanent, string StartsAt, string Basis, string Status)
    {
        internal static RuleView Of(RetentionRule r) =>
            new(r.Period.Years, r.Period.IsPermanent, r.StartsAt, r.Basis, r.Status.ToString().ToLowerInvariant());
    }

    /// <summary>A per-role override of the default rule.</summary>
    public sealed record OverrideView(IReadOnlyList<string> Roles, RuleView Rule, string Mode);

    /// <summary>One checklist entry; <c>recording</c> marks venue audio/video roles whose items carry recording metadata.</summary>
    public sealed record ItemView(
        string Role, string Title, string Requirement, string? Condition, string? ExemptWhen, bool Multiple,
        IReadOnlyList<int> DataSets, IReadOnlyList<ChecklistAlternative> Alternatives, bool Recording);

    /// <summary>The archiving deadline: days after the start milestone, its basis and status.</summary>
    public sealed record DeadlineView(int Days, string StartsAt, string Basis, string Status);

    /// <summary>One category's policy.</summary>
    public sealed record PolicyView(
        string Id, string Category, string Title, int Version, RuleView Retention, IReadOnlyList<OverrideView> Overrides, IReadOnlyList<ItemView> Checklist,
        DeadlineView? ArchivingDeadline)
    {
        internal static PolicyView Of(RetentionPolicy p) => new(
            p.Id, p.Category, p.Title, p.Version, RuleView.Of(p.Retention),
            p.Overrides.Select(o => new OverrideView(o.Roles, RuleView.Of(o.Rule), o.Mode.ToString().ToLowerInvariant())).ToList(),
            p.Checklist.Select(i => new ItemView(i.Role, i.Title, i.Requirement.ToString().ToLowerInvariant(), i.Condition, i.ExemptWhen, i.Multiple,
                i.DataSets, i.Alternatives, i.Recording)).ToList(),
            p.ArchivingDeadline is { } d ? new DeadlineView(d.Days, d.StartsAt, d.Basis, d.Status.ToString().ToLowerInvariant()) : null);
    }
}
