using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;

namespace Archive.Api.Hosting;

/// <summary>
/// The host's network edge: TLS from a configured certificate (<c>ARCHIVE_TLS_CERT</c>, <c>ARCHIVE_TLS_KEY</c>, PEM),
/// HSTS when enabled (<c>ARCHIVE_HSTS=true</c>, <c>ARCHIVE_HSTS_MAX_AGE_DAYS</c>), and <c>X-Forwarded-For</c> /
/// <c>X-Forwarded-Proto</c> honoured only from the proxies listed in <c>ARCHIVE_TRUSTED_PROXIES</c> (addresses or CIDR
/// networks, comma-separated). Without that list forwarded headers are ignored, so no client can pick the address the
/// failed-authentication limiter and the logs see.
/// </summary>
public static class NetworkEdge
{
    /// <summary>The setting listing trusted proxy addresses and networks.</summary>
    public const string TrustedProxiesSetting = "ARCHIVE_TRUSTED_PROXIES";

    /// <summary>Registers TLS and HSTS options, read from configuration when the host starts.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static WebApplicationBuilder AddNetworkEdge(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            if (context.Configuration["ARCHIVE_TLS_CERT"] is { Length: > 0 } certificate)
            {
                var pem = X509Certificate2.CreateFromPemFile(certificate, context.Configuration["ARCHIVE_TLS_KEY"] is { Length: > 0 } key ? key : null);
                // Re-imported so the private key is usable by SslStream on every platform.
                var usable = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = usable);
            }
        });
        builder.Services.AddOptions<HstsOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var days = int.TryParse(configuration["ARCHIVE_HSTS_MAX_AGE_DAYS"], System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0 ? d : 365;
            options.MaxAge = TimeSpan.FromDays(days);
        });
        return builder;
    }

    /// <summary>Adds the forwarded-headers and HSTS middleware as configured; call first in the pipeline.</summary>
    /// <param name="app">The built host.</param>
    /// <exception cref="InvalidOperationException"><c>ARCHIVE_TRUSTED_PROXIES</c> holds something that is neither an address nor a network.</exception>
    public static void UseNetworkEdge(this WebApplication app)
    {
        if (TrustedProxies(app.Configuration[TrustedProxiesSetting]) is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        if (string.Equals(app.Configuration["ARCHIVE_HSTS"], "true", StringComparison.OrdinalIgnoreCase))
        {
            app.UseHsts();
        }
    }

    /// <summary>The forwarded-headers options for a trusted-proxy list, or null when the list is empty.</summary>
    /// <param name="setting">Addresses and CIDR networks, separated by commas or white space.</param>
    /// <exception cref="InvalidOperationException">An entry is neither an address nor a network.</exception>
    public static ForwardedHeadersOptions? TrustedProxies(string? setting)
    {
        var entries = (setting ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk back through every trusted hop; the first untrusted address is the client.
            ForwardLimit = null,
        };
        // Only what the operator listed: not even loopback is trusted by default.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new InvalidOperationException($"{TrustedProxiesSetting}: '{entry}' is neither an IP address nor a CIDR network.");
            }
        }

        return options;
    }
}
