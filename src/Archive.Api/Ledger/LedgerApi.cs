using Archive.Api.Auth;
using Archive.Api.Problems;
using Archive.Integrity.Ledger;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Api.Ledger;

/// <summary>
/// Endpoints under <c>/api/v1/ledger</c> (CONTRACT §5): checkpoints, the key and proofs for any authenticated principal;
/// an entry's bytes only for those <see cref="LedgerEntryVisibility"/> lets see it.
/// </summary>
public static class LedgerApi
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ledger").WithTags("ledger").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/checkpoint", CheckpointAsync).WithSummary("最新的签名检查点，或 treeSize 指定大小的检查点（C2SP tlog-checkpoint / signed-note）。");
        group.MapGet("/key", (ILedger ledger) => TypedResults.Text(ledger.VerifierKey + "\n", TextPlain))
            .WithSummary("签名验证公钥 <name>+<hex8>+<base64>。");
        group.MapGet("/key/sm2", Sm2Key).WithSummary("检查点国密 SM2（SM3）联署验证公钥 <name>+<hex8>+<base64>；?format=pem 给出 OpenSSL 可用的 PEM 公钥。");
        group.MapGet("/keys", KeysAsync).WithSummary("账本使用过的全部签名公钥（Ed25519 与 SM2），按启用时间排列；密钥轮换见 ledger.key-rotated 条目。");
        group.MapGet("/entries/{index:long}", EntryAsync).WithSummary("条目的原始字节（RFC 8785 JSON）。");
        group.MapGet("/proof/inclusion", InclusionAsync).WithSummary("包含证明（RFC 6962 审计路径，叶子的兄弟节点在前）。");
        group.MapGet("/proof/consistency", ConsistencyAsync).WithSummary("一致性证明（RFC 6962）。");
        return group;
    }

    /// <summary>An inclusion proof as CONTRACT §5 shapes it.</summary>
    public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<string> Hashes);

    /// <summary>A consistency proof as CONTRACT §5 shapes it.</summary>
    public sealed record ConsistencyProof(long From, long To, IReadOnlyList<string> Hashes);

    private static IResult Sm2Key(ILedger ledger, [FromQuery] string? format)
    {
        if (ledger.CosignerKey is not { } key)
        {
            return ApiProblem.NotFound("ledger.sm2-key-not-configured", "本账本未配置国密 SM2 联署密钥。");
        }

        return format == "pem"
            ? TypedResults.Text(Archive.Integrity.Notes.Sm2NoteVerifier.Parse(key).ToPem(), "application/x-pem-file")
            : TypedResults.Text(key + "\n", TextPlain);
    }

    private static async Task<IResult> KeysAsync(PostgresLedger ledger, CancellationToken ct)
    {
        var keys = await ledger.GetSigningKeysAsync(ct);
        return TypedResults.Ok(new
        {
            current = new { ed25519 = ledger.VerifierKey, sm2 = ledger.CosignerKey },
            keys = keys.Select(k => new { algorithm = k.Algorithm, verifierKey = k.VerifierKey, recordedAt = k.RecordedAt.ToDateTimeOffset() }),
        });
    }

    private static async Task<IResult> CheckpointAsync(ILedger ledger, [FromQuery] long? treeSize, CancellationToken ct)
    {
        var note = treeSize is { } n ? await ledger.GetCheckpointAsync(n, ct) : await ledger.GetLatestCheckpointAsync(ct);
        return note is null
            ? ApiProblem.NotFound("ledger.checkpoint-not-found", treeSize is null ? "尚未签发检查点。" : $"未签发大小为 {treeSize} 的检查点。")
            : TypedResults.Text(note, TextPlain);
    }

    private static async Task<IResult> EntryAsync(
        ILedger ledger, LedgerEntryVisibility visibility, System.Security.Claims.ClaimsPrincipal user, long index, CancellationToken ct)
    {
        if (await ledger.GetEntryAsync(index, ct) is not { } bytes)
        {
            return ApiProblem.NotFound("ledger.entry-not-found", $"账本中没有序号为 {index} 的条目。");
        }

        // The tree size is public (checkpoints), so refusing says nothing an index lookup would not.
        return await visibility.MaySeeAsync(user, bytes, ct)
            ? TypedResults.Bytes(bytes, "application/json")
            : ApiProblem.Of(StatusCodes.Status403Forbidden, "ledger.entry-forbidden", "当前主体无权查看该账本条目的内容；检查点、公钥与证明（仅含哈希）对所有主体开放。");
    }

    private static async Task<IResult> InclusionAsync(ILedger ledger, [FromQuery] long? index, [FromQuery] long? treeSize, CancellationToken ct)
    {
        if (index is null || treeSize is null)
        {
            return ApiProblem.BadRequest("ledger.proof-arguments", "须提供 index 与 treeSize 参数。", index is null ? "index" : "treeSize");
        }

        var hashes = await ledger.ProveInclusionAsync(index.Value, treeSize.Value, ct);
        return TypedResults.Ok(new InclusionProof(index.Value, treeSize.Value, hashes.Select(Convert.ToBase64String).ToList()));
    }

    private static async Task<IResult> ConsistencyAsync(ILedger ledger, [FromQuery] long? from, [FromQuery] long? to, CancellationToken ct)
    {
        if (from is null || to is null)
        {
            return ApiProblem.BadRequest("ledger.proof-arguments", "须提供 from 与 to 参数。", from is null ? "from" : "to");
        }

        var hashes = await ledger.ProveConsistencyAsync(from.Value, to.Value, ct);
        return TypedResults.Ok(new ConsistencyProof(from.Value, to.Value, hashes.Select(Convert.ToBase64String).ToList()));
    }
}
