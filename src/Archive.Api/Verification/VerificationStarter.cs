using System.Text;
using Archive.Core.Errors;
using Archive.Ingest.Reading;
using Archive.Integrity.Custody;
using Hangfire;
using NodaTime;

namespace Archive.Api.Verification;

/// <summary>
/// Starts a manual verification run (CONTRACT §8) for <c>POST /api/v1/verification/runs</c> and the console's
/// 检测与修复 page alike: checks the copies and projects, records the run, and hands it to the Hangfire workers.
/// </summary>
/// <param name="catalog">Where project codes are checked.</param>
/// <param name="runs">The runs' table.</param>
/// <param name="jobs">The job queue.</param>
/// <param name="clock">The run's creation time.</param>
public sealed class VerificationStarter(ProjectCatalog catalog, VerificationRunStore runs, IBackgroundJobClient jobs, IClock clock)
{
    /// <summary>Starts a run.</summary>
    /// <param name="projects">Project codes, or null for every project.</param>
    /// <param name="copies"><c>online</c> / <c>offline</c>, or null for both.</param>
    /// <param name="ct">Cancels the checks.</param>
    /// <returns>The run's id.</returns>
    /// <exception cref="VerificationRequestException">400 <c>verification.copy</c>, 404 <c>project.not-found</c>.</exception>
    public async Task<Guid> StartAsync(IReadOnlyList<string>? projects, IReadOnlyList<string>? copies, CancellationToken ct)
    {
        var kinds = new List<CopyKind>();
        foreach (var name in copies ?? [CopyNames.Online, CopyNames.Offline])
        {
            if (CopyNames.Parse(name) is not { } copy)
            {
                throw new VerificationRequestException(ErrorKind.Invalid, "verification.copy", "copies 只能包含 online 或 offline。", "copies");
            }

            if (!kinds.Contains(copy))
            {
                kinds.Add(copy);
            }
        }

        if (kinds.Count == 0)
        {
            throw new VerificationRequestException(ErrorKind.Invalid, "verification.copy", "copies 不能为空数组。", "copies");
        }

        List<string>? codes = null;
        if (projects is not null)
        {
            codes = [];
            foreach (var code in projects.Select(c => c.Normalize(NormalizationForm.FormC)).Distinct(StringComparer.Ordinal))
            {
                if (!await catalog.ExistsAsync(code, ct))
                {
                    throw new VerificationRequestException(ErrorKind.NotFound, "project.not-found", $"项目 {code} 不存在。");
                }

                codes.Add(code);
            }
        }

        var id = Guid.NewGuid();
        await runs.CreateAsync(id, "manual", kinds, codes, clock.GetCurrentInstant(), ct);
        jobs.Enqueue<VerificationJob>(job => job.RunAsync(id, CancellationToken.None));
        return id;
    }
}
