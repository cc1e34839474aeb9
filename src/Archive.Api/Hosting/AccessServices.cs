using Archive.Api.Access;
using Archive.Api.Access.Delivery;
using Archive.Api.Access.Evidence;
using Archive.Api.Access.Log;
using Archive.Api.Access.Requests;
using Archive.Api.Auth;

namespace Archive.Api.Hosting;

/// <summary>
/// Registers access by audit agencies (CONTRACT §7): the request workflow, the grant-aware content gate in front of
/// every content endpoint, delivery, the access log and evidence, and the failed-authentication limiter.
/// </summary>
public static class AccessServices
{
    /// <summary>Adds the access services.</summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton(sp => AccessSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<AccessRequestStore>();
        services.AddSingleton<LegalDocumentStore>();
        services.AddSingleton<AccessWorkflow>();
        services.AddSingleton<IContentAccess, GrantContentAccess>();
        services.AddSingleton<TransformSlots>();
        services.AddSingleton<GrantedDelivery>();
        services.AddReadRateLimits();
        services.AddSingleton<AccessLogProjector>();
        services.AddSingleton<AccessLogStore>();
        services.AddSingleton<AccessEvidence>();
        services.AddSingleton<Ledger.LedgerEntryVisibility>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddHostedService<AccessLogRefresher>();
        return services;
    }
}
