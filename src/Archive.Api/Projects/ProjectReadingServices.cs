using Archive.Api.Access;
using Archive.Ingest.Reading;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Archive.Api.Projects;

/// <summary>Registers the reading side: catalogue, bag zips and the content access gate.</summary>
public static class ProjectReadingServices
{
    /// <summary>
    /// Adds <see cref="ProjectCatalog"/>, <see cref="BagZip"/> and, unless one is registered already,
    /// <see cref="RoleContentAccess"/> as <see cref="IContentAccess"/> (archivists only; grants replace it).
    /// </summary>
    public static IServiceCollection AddProjectReading(this IServiceCollection services)
    {
        services.AddSingleton<ProjectCatalog>();
        services.AddSingleton<BagZip>();
        services.TryAddSingleton<IContentAccess, RoleContentAccess>();
        return services;
    }
}
