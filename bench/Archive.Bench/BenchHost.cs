namespace Archive.Bench;

/// <summary>A started host with its settings and the principals the measurements act as.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(HostProcess process, HostSettings settings, Principals principals)
    {
        Process = process;
        Settings = settings;
        Principals = principals;
    }

    public HostProcess Process { get; }

    public HostSettings Settings { get; }

    public Principals Principals { get; }

    public static async Task<BenchHost> StartAsync(BenchOptions options, string name)
    {
        var settings = await HostSettings.CreateAsync(options.Work, name);
        var process = await HostProcess.StartAsync(options.HostDll, settings.Variables);
        using var admin = process.Client(settings.AdminToken);
        return new BenchHost(process, settings, await Principals.CreateAsync(admin));
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Directory.Delete(Settings.DataDirectory, recursive: true);
    }
}
