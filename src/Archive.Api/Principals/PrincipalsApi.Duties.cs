using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Api.Problems;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;

namespace Archive.Api.Principals;

/// <summary>Re-enabling, confirmation, code binding and token rotation.</summary>
public static partial class PrincipalsApi
{
    private const int MaxCodeEntries = 100;

    /// <summary>Body of <c>PUT /api/v1/principals/{id}/codes</c>.</summary>
    /// <param name="Regions">Region codes (2, 4 or 6 digits).</param>
    /// <param name="CodePrefixes">Project-code prefixes.</param>
    public sealed record BindCodesRequest(IReadOnlyList<string>? Regions, IReadOnlyList<string>? CodePrefixes);

    /// <summary>Answer of <c>POST /api/v1/principals/me/token</c>: the new token, shown only here.</summary>
    /// <param name="Token">The new token.</param>
    /// <param name="TokenExpiresAt">When it stops working.</param>
    /// <param name="PreviousValidUntil">Until when the token it replaces keeps working.</param>
    public sealed record RotatedToken(string Token, string TokenExpiresAt, string PreviousValidUntil);

    private static async Task<IResult> EnableAsync(Guid id, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var (principal, token) = await store.ProposeEnableAsync(id, user.PrincipalId(), ct);
        return TypedResults.Created($"/api/v1/principals/{principal.Id}",
            new CreatedPrincipal(principal.Id, token, principal.Name, principal.Role, principal.Organization, principal.Status, principal.TokenExpiresAt?.ToString()));
    }

    private static async Task<IResult> ConfirmAsync(Guid id, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(PrincipalView.Of(await store.ConfirmAsync(id, user.PrincipalId(), ct)));

    private static async Task<IResult> BindCodesAsync(Guid id, BindCodesRequest? body, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var codes = new CodeOwnership(body?.Regions ?? [], body?.CodePrefixes ?? []);
        CheckCodes(codes);
        return TypedResults.Ok(PrincipalView.Of(await store.BindCodesAsync(id, codes, user.PrincipalId(), ct)));
    }

    private static async Task<IResult> RotateAsync(PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.HasClaim(ArchiveClaims.TokenKind, nameof(TokenState.Previous)))
        {
            return ApiProblem.Conflict("principal.rotate-with-previous", "已被轮换的旧令牌不能再次轮换，请使用当前令牌。");
        }

        var (token, expires, previousUntil) = await store.RotateTokenAsync(user.PrincipalId(), ct);
        return TypedResults.Created("/api/v1/principals/me", new RotatedToken(token, expires.ToString(), previousUntil.ToString()));
    }

    /// <summary>Refuses a code binding with too many entries, or an invalid region code or prefix.</summary>
    /// <param name="codes">The codes.</param>
    /// <exception cref="PrincipalException">An entry is invalid.</exception>
    public static void CheckCodes(CodeOwnership codes)
    {
        if (codes.Regions.Count > MaxCodeEntries || codes.CodePrefixes.Count > MaxCodeEntries)
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.codes-too-many", $"行政区划代码与编号前缀各不得超过 {MaxCodeEntries} 项。", "regions");
        }

        if (codes.Regions.FirstOrDefault(r => !CodeOwnership.IsRegion(r)) is { } region)
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.region", $"行政区划代码“{region}”无效：应为 2、4 或 6 位数字（如 53、5301、530102）。", "regions");
        }

        if (codes.CodePrefixes.FirstOrDefault(p => string.IsNullOrWhiteSpace(p) || p.Length > 50 || p.Any(char.IsControl)) is { } prefix)
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.code-prefix", $"项目编号前缀“{prefix}”无效：长度 1–50 个字符，且不得含控制字符。", "codePrefixes");
        }
    }
}
