namespace Archive.Ingest.Tests.Policies;

/// <summary>Finds the committed retention-policies/ folder and makes throw-away policy folders.</summary>
internal static class PolicyFolder
{
    public static string Committed()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "retention-policies");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("retention-policies/ not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A temp folder holding the given files (name → YAML text).</summary>
    public static TempFolder With(params (string Name, string Yaml)[] files)
    {
        var folder = new TempFolder();
        foreach (var (name, yaml) in files)
        {
            File.WriteAllText(Path.Combine(folder.Path, name), yaml);
        }

        return folder;
    }

    public const string MinimalOther = """
        id: other
        category: other
        title: 其他
        version: 1
        retention:
          period: 15
          startsAt: project-completion
          basis: 本系统设计决定
          status: choice
        checklist:
          - role: project-record
            title: 项目信息
            requirement: required
        """;
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policy-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
