using System.Net.Http.Headers;
using Archive.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// The whole host on a database of its own and two filesystem stores under a temporary data folder,
/// configured exactly as an operator would, through <c>ARCHIVE_*</c> settings.
/// </summary>
public sealed class ArchiveApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsDataDirectory;

    private ArchiveApiFactory(string dataDirectory, string database, Dictionary<string, string?> settings, bool ownsDataDirectory)
    {
        DataDirectory = dataDirectory;
        Database = database;
        _settings = settings;
        _ownsDataDirectory = ownsDataDirectory;
    }

    /// <summary>The data folder of this host.</summary>
    public string DataDirectory { get; }

    /// <summary>The bootstrap admin token, when the test supplied one.</summary>
    public string? AdminToken => _settings.GetValueOrDefault("ARCHIVE_BOOTSTRAP_ADMIN_TOKEN");

    /// <summary>
    /// A new host on a new database (or on <paramref name="database"/>, a superuser connection string from
    /// <see cref="TestServices.CreateDatabaseAsync"/>); <paramref name="overrides"/> replace or remove (null) settings.
    /// </summary>
    public static async Task<ArchiveApiFactory> CreateAsync(IReadOnlyDictionary<string, string?>? overrides = null, string? database = null, string? dataDirectory = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("archive-api-test-").FullName;
        database ??= await TestServices.CreateDatabaseAsync("api");
        var settings = new Dictionary<string, string?>(TestServices.HostDatabaseSettings(database))
        {
            ["ARCHIVE_DATA_DIR"] = data,
            ["ARCHIVE_ONLINE"] = "file:" + Path.Combine(data, "online"),
            ["ARCHIVE_OFFLINE"] = "file:" + Path.Combine(data, "offline"),
            ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = "test-admin-" + Guid.NewGuid().ToString("N"),
            ["ARCHIVE_CHECKPOINT_SECONDS"] = "1",
            // Seal checks scan with the EICAR-only test signatures; the shared fixtures' recordings are synthetic bytes, so
            // media probing is on only where a test turns it on (ContentChecksApiTests, with ffmpeg-made files).
            ["ARCHIVE_CLAMAV_DB"] = TestServices.ClamAvTestDatabase,
            ["ARCHIVE_PROBE_MEDIA"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ArchiveApiFactory(data, database, settings, ownsDataDirectory: dataDirectory is null);
    }

    /// <summary>
    /// The host's database as the cluster's superuser, for the test's own inspection and tampering; the host itself
    /// connects as the application role (<c>ARCHIVE_DB</c>) and migrates as the owner (<c>ARCHIVE_DB_OWNER</c>).
    /// </summary>
    public string Database { get; }

    /// <summary>The host's setting <paramref name="key"/> (e.g. <c>ARCHIVE_DB</c>), or null.</summary>
    public string? Setting(string key) => _settings.GetValueOrDefault(key);

    /// <summary>A client that sends <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Stops the host and removes the data folder it created (a folder the test passed in is left to the test).</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDataDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
