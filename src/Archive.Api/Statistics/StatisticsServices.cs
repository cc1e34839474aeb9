using Archive.Ingest.Statistics;

namespace Archive.Api.Statistics;

/// <summary>Registers the 统计报表 (<see cref="StatisticsService"/> and the ingest figures it combines).</summary>
public static class StatisticsServices
{
    /// <summary>Adds the statistics services.</summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveStatistics>();
        services.AddSingleton<StatisticsService>();
        services.AddSingleton<IOverdueStatistics, HandoverOverdueStatistics>();
        return services;
    }
}
