using Archive.Api.Auth;
using Archive.Api.Hosting;
using Hangfire;
using Scalar.AspNetCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Api.Console;

/// <summary>
/// Composition of the console (档案管理控制台): Razor Pages under <c>Console/Pages</c>, server-side sessions, the
/// authentication that picks the bearer token when one is sent and the session cookie otherwise, and antiforgery on
/// every form.
/// </summary>
public static class ConsoleServices
{
    /// <summary>The default authentication scheme: forwards to <see cref="BearerTokenHandler"/> or <see cref="ConsoleSessionHandler"/>.</summary>
    public const string SelectingScheme = "Archive";

    /// <summary>The console's settings and login store alone (the command-line host issues the demo's logins).</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddConsoleLogins(this IServiceCollection services)
    {
        services.AddSingleton(sp => ConsoleSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ConsoleLoginStore>();
        services.AddSingleton<TotpSecretProtector>();

        // Antiforgery tokens, the TOTP enrolment form and the stored TOTP secrets are protected with keys kept in the
        // data folder, so that every process of the archive (and a restart) accepts what another issued.
        services.AddDataProtection().SetApplicationName("yunnan-archive-console");
        services.AddOptions<KeyManagementOptions>().Configure<ArchiveSettings>((o, settings) =>
            o.XmlRepository = new FileSystemXmlRepository(PrivateKeyFolder(settings), NullLoggerFactory.Instance));
        return services;
    }

    /// <summary>Registers the console's services, pages and authentication.</summary>
    /// <param name="builder">The host builder (after <c>AddArchive</c>).</param>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddConsoleLogins();
        services.AddSingleton<ConsoleSessionStore>();
        services.AddSingleton<ConsoleSignIn>();
        services.AddSingleton<ConsoleBootstrap>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsoleBootstrap>());

        // Replaces the bearer-only default of AddArchive: a request with an Authorization header is the bearer
        // scheme's alone (a bad token is never rescued by a cookie); any other request may carry a session cookie.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectingScheme;
                o.DefaultChallengeScheme = SelectingScheme;
            })
            .AddPolicyScheme(SelectingScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? BearerTokenHandler.SchemeName : ConsoleSessionHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ConsoleSessionHandler>(ConsoleSessionHandler.SchemeName, null);

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "archive-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Console/Pages";
                o.Conventions.AllowAnonymousToPage("/SignIn");
                o.Conventions.AllowAnonymousToPage("/Denied");
            })
            .AddMvcOptions(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        return builder;
    }

    /// <summary>Serves the console's own styles and scripts (<c>wwwroot</c>, nothing from outside the host), anonymously.</summary>
    /// <param name="app">The application.</param>
    public static WebApplication UseConsoleAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// Maps the console's pages, the Hangfire dashboard (<c>/admin/hangfire</c>, administrators only) and the API
    /// reference (<c>/admin/api-reference</c>, Scalar served from its package, for any signed-in user).
    /// </summary>
    /// <param name="app">The application.</param>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        app.UseHangfireDashboard("/admin/hangfire", new DashboardOptions
        {
            AsyncAuthorization = [new HangfireDashboardAuthorization()],
            Authorization = [],
            AppPath = "/admin",
            DashboardTitle = "后台任务",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        app.MapScalarApiReference("/admin/api-reference", o =>
        {
            o.Title = "云南省公共资源交易电子档案 API 参考";
            o.OpenApiRoutePattern = "/openapi/{documentName}.json";
            // Nothing from outside the host: no web fonts from Scalar's CDN.
            o.DefaultFonts = false;
        }).RequireAuthorization(Policies.Authenticated);
        return app;
    }

    // The keys decrypt the TOTP secrets: only the archive's own account may list or read them (0700, also when an
    // earlier version created the folder with the default mode).
    private static DirectoryInfo PrivateKeyFolder(ArchiveSettings settings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(settings.DataDirectory, "console-keys"));
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        return folder;
    }
}
