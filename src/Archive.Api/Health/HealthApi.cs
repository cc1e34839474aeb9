using Archive.Ingest.FourProperties;
using Archive.Storage;
using Archive.Api.Hosting;
using Npgsql;

namespace Archive.Api.Health;

/// <summary>
/// <c>GET /healthz</c>: 200 only when the database and both object stores answer (CONTRACT §1); <c>copies[]</c> tells
/// for each copy whether its store enforces write-once retention (<c>worm</c>).
/// </summary>
public static class HealthApi
{
    /// <summary>Maps the endpoint (anonymous: it reveals only which component is down).</summary>
    public static void MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("health").WithSummary("就绪检查：数据库与在线、离线存储均可用时返回 200。");

    private static async Task<IResult> CheckAsync(
        NpgsqlDataSource db,
        [FromKeyedServices(StoreNames.Online)] IObjectStore online,
        [FromKeyedServices(StoreNames.Offline)] IObjectStore offline,
        ContentCheckOptions contentChecks,
        CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var checks = new Dictionary<string, string>
        {
            ["database"] = await Probe(() => DatabaseAnswersAsync(db, timeout.Token)),
            ["online"] = await Probe(() => online.IsHealthyAsync(timeout.Token)),
            ["offline"] = await Probe(() => offline.IsHealthyAsync(timeout.Token)),
        };
        var healthy = checks.Values.All(v => v == "ok");
        // What each copy's store enforces for sealed objects, so nobody believes in a lock that is not there.
        var copies = await CopyProtection.OfAsync(online, offline, timeout.Token);
        return TypedResults.Json(new { status = healthy ? "ok" : "unavailable", checks, copies, malwareSignatures = contentChecks.SignatureDescription },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> DatabaseAnswersAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT 1");
        return (int)(await cmd.ExecuteScalarAsync(ct))! == 1;
    }

    private static async Task<string> Probe(Func<Task<bool>> check)
    {
        try
        {
            return await check() ? "ok" : "down";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A probe that throws is a component that does not answer; the reason goes to the logs of that component.
            return "down";
        }
    }
}
