using Archive.Api.Access.Evidence;
using Archive.Api.Access.Log;
using Archive.Api.Access.Requests;
using Archive.Api.Cli;
using Archive.Api.Console;
using Archive.Api.Handover;
using Archive.Api.Health;
using Archive.Api.Hosting;
using Archive.Api.Ledger;
using Archive.Api.Principals;
using Archive.Api.Projects;
using Archive.Api.Retention;
using Archive.Api.Transfer;
using Archive.Api.RetentionPolicies;
using Archive.Api.Statistics;
using Archive.Api.Submissions;
using Archive.Api.Verification;

// `serve` (what ./archive up passes) is the default command; `import DIR` runs without HTTP.
if (ArchiveCli.IsCommand(args))
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return await ArchiveCli.RunAsync(args, Spectre.Console.AnsiConsole.Console, null, cancel.Token);
}

var hostArgs = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
// `--role api|worker|all` is ARCHIVE_ROLE given on the command line (which overrides the environment).
hostArgs = [.. hostArgs.Select(a => a == "--role" ? "--ARCHIVE_ROLE" : a.StartsWith("--role=", StringComparison.Ordinal) ? "--ARCHIVE_ROLE=" + a[7..] : a)];
// The content root is the program's folder, so appsettings.json is found wherever ./archive runs it from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.AddArchive();
builder.AddNetworkEdge();
builder.AddConsole();

var app = builder.Build();
ArchiveRole role;
try
{
    role = ArchiveRoles.From(app.Configuration);
}
catch (StartupRefusedException e)
{
    return await RefuseAsync(e);
}

app.UseNetworkEdge();
if (role.ServesApi())
{
    MapArchive(app);
}
else
{
    // A worker serves only its readiness check; the API and the console are the api processes' business.
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.MapHealthApi();
}

try
{
    await app.RunAsync();
}
catch (StartupRefusedException e)
{
    return await RefuseAsync(e);
}

return 0;

// The refusal is the whole story: its code and what to change, without a stack trace.
static async Task<int> RefuseAsync(StartupRefusedException e)
{
    await Console.Error.WriteLineAsync($"{e.Code}: {e.UserMessage}");
    return StartupRefusedException.ExitCode;
}

static void MapArchive(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseConsoleAssets();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.MapOpenApi().AllowAnonymous();
    app.MapHealthApi();
    app.MapPrincipalsApi();
    app.MapLedgerApi();
    app.MapSubmissionsApi();
    app.MapParkedSealsApi();
    app.MapPoliciesApi();
    app.MapProjectsApi();
    app.MapAccessRequestsApi();
    app.MapAccessEvidenceApi();
    app.MapAccessLogApi();
    app.MapVerificationApi();
    app.MapRetentionApi();
    app.MapTransfersApi();
    app.MapHandoverApi();
    app.MapOverdueReportApi();
    app.MapConsoleLoginsApi();
    app.MapConsole();
    app.MapStatisticsApi();
    app.MapChartLibrary();
}

/// <summary>Entry point, visible to the functional tests.</summary>
public partial class Program;
