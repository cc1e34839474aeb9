using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Archive.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Archive.Api.Access;

/// <summary>
/// Per-principal limits on content reads (读取频率限制): every item, manifest or bag read appends permanent ledger entries,
/// so each principal may make <see cref="AccessSettings.ReadsPerWindow"/> reads per
/// <see cref="AccessSettings.ReadWindowSeconds"/>; past that, 429 with <c>Retry-After</c> and a problem body
/// (<c>access.rate-limited</c>), before anything is ledgered. Counted per process.
/// </summary>
public static class ReadRateLimits
{
    /// <summary>The rate-limiting policy the content endpoints require.</summary>
    public const string PolicyName = "content-reads";

    /// <summary>Registers the policy.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddReadRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(PolicyName, context =>
        {
            var settings = context.RequestServices.GetRequiredService<AccessSettings>();
            // Authentication runs first, so every caller here is a principal; the address is only a fallback key.
            var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
                ? "principal:" + id
                : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.ReadsPerWindow,
                Window = TimeSpan.FromSeconds(settings.ReadWindowSeconds),
                QueueLimit = 0,
            });
        });
        options.OnRejected = (rejected, _) =>
        {
            var settings = rejected.HttpContext.RequestServices.GetRequiredService<AccessSettings>();
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(settings.ReadWindowSeconds);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return new ValueTask(ApiProblem.Of(StatusCodes.Status429TooManyRequests, "access.rate-limited",
                $"读取过于频繁（每 {settings.ReadWindowSeconds} 秒最多 {settings.ReadsPerWindow} 次），请 {seconds} 秒后再试。").ExecuteAsync(rejected.HttpContext));
        };
    });
}
