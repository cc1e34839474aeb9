namespace Archive.Bench;

/// <summary>
/// The command line: <c>[--quick] [--large] [--ingest-mib N,…] [--json PATH] --host PATH/Archive.Api.dll [--work DIR]</c>;
/// <c>--ingest-mib</c> replaces the recording sizes (e.g. <c>1024</c> for the 1 GiB figure alone); <c>--only GROUP,…</c>
/// measures only those groups of figures (<see cref="Groups"/>; e.g. <c>--only proofs,appends</c>).
/// </summary>
internal sealed record BenchOptions(
    bool Quick, bool Large, string? Json, string HostDll, string Work, long[]? Sizes = null, IReadOnlySet<string>? Only = null)
{
    /// <summary>The groups <c>--only</c> accepts: SM3 and digest rates, ledger appends, ingest (with peak RSS and scrub), inclusion proofs, catalogue look-ups.</summary>
    public static readonly string[] Groups = ["digests", "appends", "ingest", "proofs", "catalogue"];

    /// <summary>Whether the run measures the figures of <paramref name="group"/> (every group without <c>--only</c>).</summary>
    public bool Runs(string group) => Only is null || Only.Contains(group);

    public long[] IngestSizes => Sizes ?? (Quick ? [256L << 20] : [1L << 30, 4L << 30]);

    public int LedgerEntries => Large ? 10_000_000 : Quick ? 100_000 : 1_000_000;

    public long DigestBytes => Quick ? 128L << 20 : 512L << 20;

    public int Projects => Quick ? 10_000 : 100_000;

    public int AppendsPerCaller => Quick ? 50 : 150;

    public TimeSpan LatencyDuration => TimeSpan.FromSeconds(Quick ? 5 : 15);

    public static BenchOptions Parse(string[] args)
    {
        bool quick = false, large = false;
        string? json = null, host = null, work = null;
        long[]? sizes = null;
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--large": large = true; break;
                case "--json" when i + 1 < args.Length: json = Path.GetFullPath(args[++i]); break;
                case "--host" when i + 1 < args.Length: host = Path.GetFullPath(args[++i]); break;
                case "--work" when i + 1 < args.Length: work = Path.GetFullPath(args[++i]); break;
                case "--ingest-mib" when i + 1 < args.Length:
                    sizes = [.. args[++i].Split(',').Select(m => long.Parse(m, System.Globalization.CultureInfo.InvariantCulture) << 20)];
                    break;
                case "--only" when i + 1 < args.Length:
                    only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    if (only.FirstOrDefault(g => !Groups.Contains(g)) is { } unknown)
                    {
                        throw new ArgumentException($"unknown group '{unknown}' for --only; groups: {string.Join(',', Groups)}");
                    }
                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'; usage: [--quick] [--large] [--ingest-mib N,…] [--only GROUP,…] [--json PATH] --host Archive.Api.dll [--work DIR]");
            }
        }
        if (host is null || !File.Exists(host))
        {
            throw new ArgumentException("--host PATH/Archive.Api.dll is required (build src/Archive.Api first)");
        }
        return new BenchOptions(quick, large, json, host, work ?? Directory.CreateTempSubdirectory("archive-bench-").FullName, sizes, only);
    }
}
