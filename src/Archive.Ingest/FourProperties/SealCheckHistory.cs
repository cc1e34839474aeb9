using System.Text.Json.Nodes;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.FourProperties;

/// <summary>
/// What a project's 四性检测报告 needs from ingest: each sealed version's seal-time record, and the names and versions of
/// the check programs as installed now, with the malware signature database they load.
/// </summary>
public sealed class SealCheckHistory(NpgsqlDataSource dataSource, ContentCheckOptions options)
{
    /// <summary>The seal-time records of every sealed version of a project, oldest version first.</summary>
    /// <param name="projectCode">The normalised project code.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<VersionSealChecks>> ForProjectAsync(string projectCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT v.version, v.sealed_at, r.record FROM ingest.versions v
            LEFT JOIN ingest.seal_check_records r ON r.submission_id = v.submission_id
            WHERE v.project_code = $1 ORDER BY v.version
            """);
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var versions = new List<VersionSealChecks>();
        while (await r.ReadAsync(ct))
        {
            var record = r.IsDBNull(2) ? null : JsonNode.Parse(r.GetFieldValue<byte[]>(2)) as JsonObject;
            versions.Add(new VersionSealChecks(r.GetInt32(0), r.GetFieldValue<Instant>(1), record));
        }

        return versions;
    }

    /// <summary>The malware signature database the scanner loads, described for people (test signatures say so).</summary>
    public string SignatureDescription => options.SignatureDescription;

    /// <summary>Each check program and the first line of its version output (<c>未安装</c> when it cannot run).</summary>
    /// <param name="ct">Cancels the programs.</param>
    public async Task<IReadOnlyList<(string Tool, string Version)>> ToolVersionsAsync(CancellationToken ct)
    {
        var tools = new List<(string, string)>();
        foreach (var (program, argument) in new[] { (options.Qpdf, "--version"), (options.Ffprobe, "-version"), (options.Ffmpeg, "-version"), (options.Clamscan, "--version") })
        {
            string version;
            try
            {
                var (exit, output, _) = await ExternalTool.RunAsync(program, [argument], TimeSpan.FromSeconds(30), ct);
                version = exit == 0 ? output.Split('\n', 2)[0].Trim() : $"退出码 {exit}";
            }
            catch (ContentCheckUnavailableException)
            {
                version = "未安装";
            }

            tools.Add((Path.GetFileName(program), version));
        }

        return tools;
    }
}
