using Archive.Api.Console;
using Archive.Api.Hosting;
using Archive.Ingest.Import;
using Microsoft.AspNetCore.Hosting.Server;

namespace Archive.Api.Cli;

/// <summary>
/// The archive host as the commands run it: the same composition as <c>serve</c> (<see cref="ArchiveServices.AddArchive"/>),
/// with the same <c>ARCHIVE_*</c> settings, but serving no HTTP. Its Hangfire server seals what the import submits,
/// and shares the queue with a running <c>./archive up</c> on the same database.
/// </summary>
internal static class CliHost
{
    public static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        // A command runs its own jobs (an import waits for its seals) whatever role the environment names for servers.
        builder.Configuration["ARCHIVE_ROLE"] = nameof(ArchiveRole.All);

        // The console belongs to the progress display; only warnings and errors are logged, to standard error.
        builder.Configuration["Logging:LogLevel:Default"] = nameof(LogLevel.Warning);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddArchive();
        builder.Services.AddSingleton<IServer, NullServer>();
        builder.Services.AddConsoleLogins();
        builder.Services.AddSingleton<ImportPrincipals>();
        builder.Services.AddSingleton<IImportCallers>(sp => sp.GetRequiredService<ImportPrincipals>());
        builder.Services.AddSingleton<ArchivedStateReader>();
        builder.Services.AddSingleton(sp => ImportOptionsFrom(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<ProjectImporter>();

        var app = builder.Build();
        await app.StartAsync(ct);
        return app;
    }

    private static ImportOptions ImportOptionsFrom(IConfiguration configuration)
    {
        var options = new ImportOptions();
        if (int.TryParse(configuration["ARCHIVE_IMPORT_WAIT_SECONDS"], out var seconds) && seconds > 0)
        {
            options = options with { SealTimeout = TimeSpan.FromSeconds(seconds) };
        }

        if (int.TryParse(configuration["ARCHIVE_IMPORT_PARALLELISM"], out var parallelism) && parallelism is > 0 and <= 64)
        {
            options = options with { Parallelism = parallelism };
        }

        return options;
    }
}
