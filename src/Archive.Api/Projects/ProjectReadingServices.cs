using Archive.Ingest.Reading;

namespace Archive.Api.Projects;

/// <summary>Registers the reading side: catalogue and bag zips (the content gate comes with the access services).</summary>
public static class ProjectReadingServices
{
    /// <summary>Adds <see cref="ProjectCatalog"/>, <see cref="CatalogSearch"/> and <see cref="BagZip"/>.</summary>
    public static IServiceCollection AddProjectReading(this IServiceCollection services)
    {
        services.AddSingleton<ProjectCatalog>();
        services.AddSingleton<ArchiveOverview>();
        services.AddSingleton<CatalogSearch>();
        services.AddSingleton<Console.Dossier.ProjectDossierReader>();
        services.AddSingleton<BagZip>();
        return services;
    }
}
