using System.Reflection;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Finds the built host (<c>Archive.Api.dll</c>) and the <c>dotnet</c> executable to run it as a child process.</summary>
public static class ArchiveHostLocator
{
    /// <summary>
    /// The host assembly: the copy beside the test assembly (the build copies it with its runtimeconfig and deps files),
    /// else <c>src/Archive.Api/bin/&lt;configuration&gt;/&lt;framework&gt;/</c> of the same configuration as these tests.
    /// </summary>
    /// <exception cref="FileNotFoundException">No runnable build was found.</exception>
    public static string ApiDll()
    {
        static bool Runnable(string dll) => File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"));

        var beside = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "Archive.Api.dll");
        if (Runnable(beside))
        {
            return beside;
        }

        var configuration = typeof(ArchiveHostLocator).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Archive.Api", "bin", configuration, framework, "Archive.Api.dll");
            if (Runnable(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No runnable Archive.Api.dll beside {beside} or under src/Archive.Api/bin/{configuration}/{framework}: build the host first.");
    }

    /// <summary>The <c>dotnet</c> executable running these tests (DOTNET_HOST_PATH, else this process, else PATH).</summary>
    public static string Dotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
