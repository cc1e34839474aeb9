using System.Net;
using Archive.Api.Hosting;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Process roles (issue 12 §2): an api-only host enqueues seals but runs no jobs; a worker-only host on the same
/// database and stores runs them and serves nothing over HTTP but <c>/healthz</c>.
/// </summary>
public sealed class HostRoleTests
{
    [Fact]
    public async Task A_seal_enqueued_by_an_api_host_completes_only_once_a_worker_host_runs()
    {
        var database = await TestServices.CreateDatabaseAsync("roles");
        var data = Directory.CreateTempSubdirectory("archive-roles-").FullName;
        var token = "test-admin-" + Guid.NewGuid().ToString("N");
        Dictionary<string, string?> As(string role) => new()
        {
            ["ARCHIVE_ROLE"] = role,
            ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = token,
            ["ARCHIVE_JOB_POLL_SECONDS"] = "1",
        };
        try
        {
            await using var api = await ArchiveApiFactory.CreateAsync(As("api"), database, data);
            using var admin = api.ClientWith(token);
            var (ingestToken, _) = await IngestFlow.PrincipalsAsync(admin);
            using var ingest = api.ClientWith(ingestToken);
            var submission = await IngestFlow.OpenAsync(ingest, SampleProject.NewCode());
            await IngestFlow.UploadAsync(ingest, submission, SampleProject.RequiredItems());
            await IngestFlow.SealAsync(ingest, submission);

            // Several poll intervals with only the api host: no Hangfire server exists and the seal stays queued.
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Equal(0L, await JobServersAsync(database));
            Assert.Equal("sealing", (await IngestFlow.StateAsync(ingest, submission)).GetProperty("status").GetString());

            await using var worker = await ArchiveApiFactory.CreateAsync(As("worker"), database, data);
            using var workerClient = worker.ClientWith(token);
            Assert.Equal(HttpStatusCode.OK, (await workerClient.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await workerClient.GetAsync($"/api/v1/submissions/{submission}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await workerClient.GetAsync("/api/v1/ledger/checkpoint")).StatusCode);

            var archived = await ingest.WaitForArchivedAsync(submission);
            Assert.Equal(1, archived.GetProperty("version").GetInt32());
            Assert.Equal(1L, await JobServersAsync(database));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, ArchiveRole.All)]
    [InlineData("api", ArchiveRole.Api)]
    [InlineData(" Worker ", ArchiveRole.Worker)]
    [InlineData("all", ArchiveRole.All)]
    public void The_role_is_read_from_ARCHIVE_ROLE(string? value, ArchiveRole expected) =>
        Assert.Equal(expected, ArchiveRoles.From(Configuration(value)));

    [Fact]
    public void An_unknown_role_refuses_the_start_with_a_stable_code()
    {
        var refusal = Assert.Throws<StartupRefusedException>(() => ArchiveRoles.From(Configuration("both")));
        Assert.Equal("startup.role-unknown", refusal.Code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refusal.UserMessage);
    }

    private static IConfiguration Configuration(string? role) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ARCHIVE_ROLE"] = role }).Build();

    private static async Task<long> JobServersAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hangfire.server", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
