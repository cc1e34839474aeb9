using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Archive.Testing;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// The real host as a child process (<c>dotnet Archive.Api.dll serve --urls http://127.0.0.1:&lt;port&gt;</c>) configured
/// only through <c>ARCHIVE_*</c> environment variables, so that tests can SIGKILL it and start it again on the same
/// database and data folder, and read its memory figures from <c>/proc</c>.
/// </summary>
public sealed class ChildHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _lines = [];
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampler;
    private long _peakSampledRss;

    private readonly X509Certificate2? _trust;

    private ChildHost(Process process, Uri baseAddress, X509Certificate2? trust = null)
    {
        _trust = trust;
        _process = process;
        BaseAddress = baseAddress;
        ProcessId = process.Id;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = SampleAsync(_stopSampling.Token);
    }

    /// <summary>Where the host listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's process id.</summary>
    public int ProcessId { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The largest resident set size seen by sampling /proc every 100 ms, in bytes.</summary>
    public long PeakSampledRss => Interlocked.Read(ref _peakSampledRss);

    /// <summary>Every line the host wrote so far, standard output and error interleaved as they arrived.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_tail)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>When the process ended, as seen by this machine's clock; null while it runs.</summary>
    public DateTimeOffset? ExitedAt => _process.HasExited ? new DateTimeOffset(_process.ExitTime) : null;

    /// <summary>The last lines the host wrote (for failure messages).</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>
    /// The settings of a new host on a new database and a new data folder with filesystem stores; a one-second
    /// checkpoint interval, and jobs of a killed process re-run after 5 s (polled every second).
    /// </summary>
    public static async Task<Dictionary<string, string?>> NewSettingsAsync()
    {
        var data = Directory.CreateTempSubdirectory("archive-child-").FullName;
        return new Dictionary<string, string?>(TestServices.HostDatabaseSettings(await TestServices.CreateDatabaseAsync("child")))
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
            ["ARCHIVE_JOB_INVISIBILITY_SECONDS"] = "5",
            ["ARCHIVE_JOB_POLL_SECONDS"] = "1",
        };
    }

    /// <summary>
    /// Starts the host with <paramref name="settings"/> (null values are removed) and waits until <c>/healthz</c> answers 200.
    /// With <paramref name="https"/>, it listens on <c>https://</c> and its clients accept only that server certificate.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or was not ready within 90 s.</exception>
    public static async Task<ChildHost> StartAsync(IReadOnlyDictionary<string, string?> settings, X509Certificate2? https = null)
    {
        var port = FreePort();
        var scheme = https is null ? "http" : "https";
        var start = new ProcessStartInfo(ArchiveHostLocator.Dotnet(), [ArchiveHostLocator.ApiDll(), "serve", "--urls", $"{scheme}://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = settings["ARCHIVE_DATA_DIR"]!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ARCHIVE_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                start.Environment[key] = value;
            }
        }

        var host = new ChildHost(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), new Uri($"{scheme}://127.0.0.1:{port}/"), https);
        using var probe = new HttpClient(host.Handler()) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the host exited with {host._process.ExitCode} while starting:\n{host.Tail}");
            }

            try
            {
                if ((await probe.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(100);
        }

        await host.KillAsync();
        throw new InvalidOperationException($"the host was not ready within 90 s:\n{host.Tail}");
    }

    /// <summary>A client of this host sending <paramref name="token"/> (none when null); no client-side timeout.</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = new HttpClient(Handler()) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    // Pinned: an https host's clients accept exactly the certificate the test configured, nothing else.
    private HttpClientHandler Handler() => _trust is { } trust
        ? new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == trust.Thumbprint }
        : new HttpClientHandler();

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits until the process ends by itself (e.g. a fault-injection kill); false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set size (<c>VmHWM</c>) and current (<c>VmRSS</c>) from /proc/&lt;pid&gt;/status, in bytes.</summary>
    /// <exception cref="InvalidOperationException">The process has ended.</exception>
    public (long Peak, long Current) ReadMemory()
    {
        var status = ReadStatus() ?? throw new InvalidOperationException("the host has exited: /proc/<pid>/status is gone");
        return (Kilobytes(status, "VmHWM:") * 1024, Kilobytes(status, "VmRSS:") * 1024);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _stopSampling.CancelAsync();
        await _sampler;
        _stopSampling.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static long Kilobytes(string status, string field)
    {
        var line = status.Split('\n').Single(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private string? ReadStatus()
    {
        try
        {
            return File.ReadAllText($"/proc/{ProcessId}/status");
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !_process.HasExited)
        {
            if (ReadStatus() is { } status && status.Contains("VmRSS:", StringComparison.Ordinal))
            {
                var rss = Kilobytes(status, "VmRSS:") * 1024;
                if (rss > Interlocked.Read(ref _peakSampledRss))
                {
                    Interlocked.Exchange(ref _peakSampledRss, rss);
                }
            }

            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _lines.Add(line);
            _tail.Enqueue(line);
            while (_tail.Count > 300)
            {
                _tail.Dequeue();
            }
        }
    }
}
