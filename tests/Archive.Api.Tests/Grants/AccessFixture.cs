using Archive.Integrity.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Grants;

/// <summary>
/// One host for the refusal tests: copy needs two approval levels, approvers may not decide their own organisation's
/// requests, documents are limited to 200 000 bytes; one archived project. Each test makes its own principals.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public const int MaxDocumentBytes = 200_000;

    public GrantsHost Host { get; private set; } = null!;

    public ArchivedProject Project { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GrantsHost.StartAsync(new Dictionary<string, string?>
        {
            ["ARCHIVE_ACCESS_TWO_LEVEL"] = "copy",
            ["ARCHIVE_ACCESS_FORBID_SAME_ORGANIZATION"] = "true",
            ["ARCHIVE_ACCESS_MAX_DOCUMENT_BYTES"] = MaxDocumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Project = await Host.ArchiveProjectAsync();
    }

    public Task<long> LedgerSizeAsync() => Host.Services.GetRequiredService<ILedger>().GetSizeAsync(CancellationToken.None);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
