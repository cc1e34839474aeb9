using Archive.Api.Access;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Archive.Api.Grants;

/// <summary>Registers the access workflow and puts <see cref="GrantContentAccess"/> in front of every content endpoint.</summary>
public static class AccessGrantServices
{
    /// <summary>Adds the workflow, the grant-aware content gate, the access log and the authentication limiter.</summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddAccessGrants(this IServiceCollection services)
    {
        services.AddSingleton(sp => AccessSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<AccessRequestStore>();
        services.AddSingleton<LegalDocumentStore>();
        services.AddSingleton<AccessWorkflow>();
        services.AddSingleton<GrantedDelivery>();
        services.AddSingleton<AccessLogProjector>();
        services.AddSingleton<AccessLogStore>();
        services.AddSingleton<AccessEvidence>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddHostedService<AccessLogRefresher>();
        // Replaces the archivist-only gate whichever registration ran first.
        services.Replace(ServiceDescriptor.Singleton<IContentAccess, GrantContentAccess>());
        return services;
    }
}
