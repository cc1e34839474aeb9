using System.Security.Cryptography;
using Archive.Api.Console;
using Archive.Api.Principals;
using Archive.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Api.Tests.Roles;

/// <summary>
/// TOTP secrets are encrypted in the database under keys kept outside it (the data folder): the column never holds the
/// secret, the store still reads it back, and a secret an earlier version stored in clear is read and then encrypted.
/// </summary>
public sealed class TotpSecretStorageTests : ApiTest
{
    [Fact]
    public async Task EnrolledSecret_IsStoredEncrypted_AndClearOnesAreEncryptedAtStart()
    {
        var principals = Factory.Services.GetRequiredService<PrincipalStore>();
        var logins = Factory.Services.GetRequiredService<ConsoleLoginStore>();
        var (principal, _) = await principals.CreateAsync("双因素测试档案员", Archive.Api.Principals.Roles.Archivist, "云南省公共资源交易中心", null, CancellationToken.None);
        await logins.IssueAsync(principal.Id, "totp-storage", null, null, CancellationToken.None);

        var secret = RandomNumberGenerator.GetBytes(TotpSecretProtector.ClearSecretLength);
        await logins.EnrolTotpAsync(principal.Id, secret, 1, CancellationToken.None);
        var stored = await StoredAsync(principal.Id);
        Assert.True(stored.Length > secret.Length, $"{stored.Length} bytes stored");
        Assert.Equal(-1, stored.AsSpan().IndexOf(secret));
        Assert.Equal(secret, (await logins.FindAsync(principal.Id, CancellationToken.None))!.TotpSecret);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.Combine(Factory.DataDirectory, "console-keys")));

        // An earlier version's clear secret: still read, and encrypted by the start-up pass (once).
        await using (var cmd = DataSource.CreateCommand("UPDATE api.console_logins SET totp_secret = $2 WHERE principal_id = $1"))
        {
            cmd.Parameters.Add(new() { Value = principal.Id });
            cmd.Parameters.Add(new() { Value = secret });
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(secret, (await logins.FindAsync(principal.Id, CancellationToken.None))!.TotpSecret);
        Assert.Equal(1, await logins.ProtectClearTotpSecretsAsync(CancellationToken.None));
        Assert.Equal(0, await logins.ProtectClearTotpSecretsAsync(CancellationToken.None));
        Assert.NotEqual(secret, await StoredAsync(principal.Id));
        Assert.Equal(secret, (await logins.FindAsync(principal.Id, CancellationToken.None))!.TotpSecret);
    }

    private NpgsqlDataSource DataSource => Factory.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task<byte[]> StoredAsync(Guid principal)
    {
        await using var cmd = DataSource.CreateCommand("SELECT totp_secret FROM api.console_logins WHERE principal_id = $1");
        cmd.Parameters.Add(new() { Value = principal });
        return (byte[])(await cmd.ExecuteScalarAsync())!;
    }
}
