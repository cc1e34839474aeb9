using Archive.Api.Principals;
using Archive.Ingest.Import;
using Archive.Ingest.Metadata;
using Archive.Ingest.Submissions;

namespace Archive.Api.Cli;

/// <summary>
/// The <c>ingest</c> principal an import acts as, one per platform: the existing active one, or a new one created
/// through <see cref="PrincipalStore"/> (so that its <c>principal.created</c> entry is in the ledger). The import runs
/// on the operator's authority: a project outside the principal's bound codes binds its region (or, for a free-form
/// code, the code itself) to the principal, with its <c>principal.codes-bound</c> entry.
/// </summary>
public sealed class ImportPrincipals(PrincipalStore principals) : IImportCallers, IDisposable
{
    /// <summary>The name given to principals the import creates.</summary>
    public const string ImportPrincipalName = "批量导入";

    private readonly Dictionary<string, IngestCaller> cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    /// <inheritdoc />
    public async Task<IngestCaller> ForProjectAsync(string platform, ProjectCode code, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(code);
        await gate.WaitAsync(ct);
        try
        {
            if (!cache.TryGetValue(platform, out var caller))
            {
                caller = await FindOrCreateAsync(platform, ct);
            }

            if (!caller.Codes.Owns(code))
            {
                var codes = code.RegionCode is { } region
                    ? caller.Codes with { Regions = [.. caller.Codes.Regions, region] }
                    : caller.Codes with { CodePrefixes = [.. caller.Codes.CodePrefixes, code.Normalized] };
                var bound = await principals.BindCodesAsync(caller.PrincipalId, codes, await AdminIdAsync(ct), ct);
                caller = caller with { Codes = bound.Codes };
            }

            cache[platform] = caller;
            return caller;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IngestCaller> FindOrCreateAsync(string platform, CancellationToken ct)
    {
        var all = await principals.ListAsync(ct);
        var existing = all
            .Where(p => p.Role == Roles.Ingest && p.Status == "active" && p.Organization == platform)
            .OrderBy(p => p.Name == ImportPrincipalName ? 0 : 1)
            .ThenBy(p => p.CreatedAt)
            .FirstOrDefault();
        if (existing is null)
        {
            (existing, _) = await principals.CreateAsync(ImportPrincipalName, Roles.Ingest, platform, await AdminIdAsync(ct), ct);
        }

        return new IngestCaller(existing.Id, platform, existing.Codes);
    }

    // The import acts for the operator, whose account is the first admin.
    private async Task<Guid?> AdminIdAsync(CancellationToken ct) =>
        (await principals.ListAsync(ct)).Where(p => p.Role == Roles.Admin && p.Status == "active").OrderBy(p => p.CreatedAt).FirstOrDefault()?.Id;
}
