using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Archive.Api.Cli;

/// <summary>
/// A server that listens nowhere: the command-line host runs the archive's background services (migrations,
/// checkpoint signing, the Hangfire sealing jobs) without taking the port of a running <c>./archive up</c>.
/// </summary>
internal sealed class NullServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
