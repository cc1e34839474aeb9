using Archive.Api.Principals;
using Archive.Ingest.Import;
using Archive.Ingest.Submissions;

namespace Archive.Api.Cli;

/// <summary>
/// The <c>ingest</c> principal an import acts as, one per platform: the existing active one, or a new one created
/// through <see cref="PrincipalStore"/> (so that its <c>principal.created</c> entry is in the ledger).
/// </summary>
public sealed class ImportPrincipals(PrincipalStore principals) : IImportCallers, IDisposable
{
    /// <summary>The name given to principals the import creates.</summary>
    public const string ImportPrincipalName = "批量导入";

    private readonly Dictionary<string, IngestCaller> cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    /// <summary>The caller for <paramref name="platform"/>, creating its ingest principal when the platform has none.</summary>
    public async Task<IngestCaller> ForPlatformAsync(string platform, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        await gate.WaitAsync(ct);
        try
        {
            if (cache.TryGetValue(platform, out var known))
            {
                return known;
            }

            var all = await principals.ListAsync(ct);
            var existing = all
                .Where(p => p.Role == Roles.Ingest && p.RevokedAt is null && p.Organization == platform)
                .OrderBy(p => p.Name == ImportPrincipalName ? 0 : 1)
                .ThenBy(p => p.CreatedAt)
                .FirstOrDefault();
            if (existing is null)
            {
                var admin = all.Where(p => p.Role == Roles.Admin && p.RevokedAt is null).OrderBy(p => p.CreatedAt).FirstOrDefault();
                (existing, _) = await principals.CreateAsync(ImportPrincipalName, Roles.Ingest, platform, admin?.Id, ct);
            }

            var caller = new IngestCaller(existing.Id, platform);
            cache[platform] = caller;
            return caller;
        }
        finally
        {
            gate.Release();
        }
    }
}
