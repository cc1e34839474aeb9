namespace Archive.Api.Hosting;

/// <summary>Reads the host's <see cref="ArchiveRole"/> and tells what each role runs.</summary>
public static class ArchiveRoles
{
    /// <summary>
    /// The role from <c>ARCHIVE_ROLE</c> (<c>serve --role</c> sets it), else <c>Archive:Role</c>, else
    /// <see cref="ArchiveRole.All"/>.
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The role.</returns>
    /// <exception cref="StartupRefusedException">The value is not <c>api</c>, <c>worker</c> or <c>all</c>.</exception>
    public static ArchiveRole From(IConfiguration configuration)
    {
        var value = new[] { configuration["ARCHIVE_ROLE"], configuration["Archive:Role"] }
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "all" => ArchiveRole.All,
            "api" => ArchiveRole.Api,
            "worker" => ArchiveRole.Worker,
            _ => throw new StartupRefusedException("startup.role-unknown", "进程角色（--role 或 ARCHIVE_ROLE）只能是 api、worker 或 all。"),
        };
    }

    /// <summary>Whether a host of this role runs the Hangfire server and registers the recurring jobs.</summary>
    /// <param name="role">The role.</param>
    /// <returns>True for <see cref="ArchiveRole.All"/> and <see cref="ArchiveRole.Worker"/>.</returns>
    public static bool RunsJobs(this ArchiveRole role) => role != ArchiveRole.Api;

    /// <summary>Whether a host of this role serves the HTTP API and the console (not only <c>/healthz</c>).</summary>
    /// <param name="role">The role.</param>
    /// <returns>True for <see cref="ArchiveRole.All"/> and <see cref="ArchiveRole.Api"/>.</returns>
    public static bool ServesApi(this ArchiveRole role) => role != ArchiveRole.Worker;

    /// <summary>
    /// Makes the hosted services registered since <paramref name="from"/> (the Hangfire server that
    /// <c>AddHangfireServer</c> adds) start only in a role that <see cref="RunsJobs"/>: the role is read when the
    /// container is built, so that test hosts can supply it as configuration like every other setting.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="from">The number of registrations before the job server's.</param>
    /// <exception cref="InvalidOperationException">No hosted service was registered since <paramref name="from"/>.</exception>
    public static void GateJobServer(IServiceCollection services, int from)
    {
        var gated = 0;
        for (var i = from; i < services.Count; i++)
        {
            if (services[i] is { ServiceType: var type, ImplementationFactory: { } factory } descriptor && type == typeof(IHostedService))
            {
                services[i] = new ServiceDescriptor(typeof(IHostedService), sp =>
                    sp.GetRequiredService<ArchiveSettings>().Role.RunsJobs() ? factory(sp) : new IdleService(), descriptor.Lifetime);
                gated++;
            }
        }

        if (gated == 0)
        {
            throw new InvalidOperationException("AddHangfireServer registered no hosted service to gate by role.");
        }
    }

    private sealed class IdleService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
