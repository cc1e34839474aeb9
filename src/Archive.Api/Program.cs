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
// The content root is the program's folder, so appsettings.json is found wherever ./archive runs it from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.AddArchive();
builder.AddNetworkEdge();
builder.AddConsole();

var app = builder.Build();
app.UseNetworkEdge();
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
try
{
    await app.RunAsync();
}
catch (StartupRefusedException e)
{
    // The refusal is the whole story: its code and what to change, without a stack trace.
    await Console.Error.WriteLineAsync($"{e.Code}: {e.UserMessage}");
    return StartupRefusedException.ExitCode;
}

return 0;

/// <summary>Entry point, visible to the functional tests.</summary>
public partial class Program;
