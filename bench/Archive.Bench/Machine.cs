using System.Globalization;

namespace Archive.Bench;

/// <summary>What the figures were measured on: cores, memory, the disk under the work folder, the kernel.</summary>
internal static class Machine
{
    public static Dictionary<string, string> Describe(string work)
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = long.Parse(memory["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var drive = new DriveInfo(work);
        return new Dictionary<string, string>
        {
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["cpu"] = cpu,
            ["memory"] = $"{kib / 1024 / 1024.0:F1} GiB",
            ["disk"] = $"{drive.Name} ({drive.DriveFormat}, {drive.TotalSize / (1L << 30)} GiB, {drive.AvailableFreeSpace / (1L << 30)} GiB free)",
            ["kernel"] = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
    }
}
