using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>Issue 9 point 7: the real host serves HTTPS with the PEM certificate named by <c>ARCHIVE_TLS_CERT</c>/<c>ARCHIVE_TLS_KEY</c>.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpsHostTests
{
    [Fact]
    public async Task Host_ServesHttpsWithTheConfiguredCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=archive.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var settings = await ChildHost.NewSettingsAsync();
        var folder = settings["ARCHIVE_DATA_DIR"]!;
        await File.WriteAllTextAsync(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        settings["ARCHIVE_TLS_CERT"] = Path.Combine(folder, "tls.crt");
        settings["ARCHIVE_TLS_KEY"] = Path.Combine(folder, "tls.key");

        // Ready only once /healthz answers over TLS with exactly this certificate (the client pins it).
        await using var host = await ChildHost.StartAsync(settings, https: certificate);

        Assert.Equal("https", host.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientWith(null).GetAsync("/healthz")).StatusCode);
    }
}
