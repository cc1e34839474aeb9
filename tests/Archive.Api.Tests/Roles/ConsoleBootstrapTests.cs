using System.Text.Json;
using Archive.Api.Console;
using Archive.Api.Hosting;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Api.Tests.Roles;

/// <summary>
/// Several processes starting at once on a database without console logins: exactly one issues the bootstrap
/// administrator's login, and the password file holds the password that signs in (two issues would reset each other).
/// </summary>
public sealed class ConsoleBootstrapTests : ApiTest
{
    [Fact]
    public async Task ConcurrentStarts_IssueTheAdminLoginOnce_AndThePasswordFileSignsIn()
    {
        await using (var conn = new NpgsqlConnection(Factory.Database))
        {
            await conn.OpenAsync();
            await using var clear = new NpgsqlCommand("DELETE FROM api.console_sessions; DELETE FROM api.console_logins;", conn);
            await clear.ExecuteNonQueryAsync();
        }

        File.Delete(ConsoleBootstrap.PasswordFile(Factory.Services.GetRequiredService<ArchiveSettings>()));
        var ledger = Factory.Services.GetRequiredService<ILedger>();
        var before = await ledger.GetSizeAsync(CancellationToken.None);

        var starts = Enumerable.Range(0, 4).Select(_ => ActivatorUtilities.CreateInstance<ConsoleBootstrap>(Factory.Services));
        await Task.WhenAll(starts.Select(s => Task.Run(() => s.StartAsync(CancellationToken.None))));

        var after = await ledger.GetSizeAsync(CancellationToken.None);
        var issued = 0;
        for (var i = before; i < after; i++)
        {
            using var entry = JsonDocument.Parse((await ledger.GetEntryAsync(i, CancellationToken.None))!);
            issued += entry.RootElement.GetProperty("type").GetString() is "console.login-issued" or "console.login-reset" ? 1 : 0;
        }

        Assert.Equal(1, issued);
        var password = await File.ReadAllTextAsync(ConsoleBootstrap.PasswordFile(Factory.Services.GetRequiredService<ArchiveSettings>()));
        var (_, stage) = await Factory.Services.GetRequiredService<ConsoleSignIn>().PasswordAsync(ConsoleBootstrap.AdminLogin, password.Trim(), "127.0.0.1", CancellationToken.None);
        Assert.Equal(ConsoleStage.Password, stage);
    }
}
