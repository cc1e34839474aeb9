using Archive.Api.Cli;
using Archive.Api.Console;
using Archive.Api.Principals;
using Archive.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Cli;

/// <summary><c>./archive demo</c>'s console logins: one per role, passwords and API tokens only in a 0600 file, kept on a second run.</summary>
[Collection(CliCollection.Name)]
public sealed class DemoLoginsTests : IAsyncLifetime
{
    private ArchiveApiFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await ArchiveApiFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Demo_IssuesOneLoginPerRole_PasswordsOnlyInThePrivateFile_SecondRunKeepsThem()
    {
        var output = await RunAsync();
        var file = Path.Combine(_factory.DataDirectory, "demo-logins");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var rows = (await File.ReadAllLinesAsync(file)).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.Equal(DemoLogins.People.Select(p => "demo-" + p.Role), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.DoesNotContain(r[1], output, StringComparison.Ordinal));

        // Each password signs in, to the forced change of the initial password.
        var signIn = _factory.Services.GetRequiredService<ConsoleSignIn>();
        foreach (var row in rows)
        {
            var (_, stage) = await signIn.PasswordAsync(row[0], row[1], "127.0.0.1", CancellationToken.None);
            Assert.Equal(ConsoleStage.Password, stage);
        }

        // Each API token, handed out once in the same file, authenticates as its principal (for trying the API with curl).
        var store = _factory.Services.GetRequiredService<PrincipalStore>();
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row[4], output, StringComparison.Ordinal);
            var check = await store.AuthenticateAsync(row[4], CancellationToken.None);
            Assert.Equal(TokenState.Current, check.State);
            Assert.Equal((row[2], row[3]), (check.Principal!.Role, check.Principal.Name));
        }

        var before = await File.ReadAllTextAsync(file);
        var again = await RunAsync();
        Assert.Equal(before, await File.ReadAllTextAsync(file));
        Assert.Contains("演示登录已签发", again, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync()
    {
        var (console, output) = CliRun.PlainConsole();
        var exit = await ArchiveCli.ImportAsync(console, CliRun.SettingsOf(_factory), [], CancellationToken.None, (s, t) => DemoLogins.IssueAsync(s, console, t));
        Assert.True(exit == ArchiveCli.Success, output.ToString());
        return output.ToString();
    }
}
