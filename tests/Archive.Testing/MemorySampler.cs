using System.Diagnostics;

namespace Archive.Testing;

/// <summary>Samples working set and managed heap every 50 ms on its own thread; reports peak growth over the start.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly long _baseWorkingSet;
    private readonly long _baseManaged;
    private volatile bool _stop;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        _baseWorkingSet = process.WorkingSet64;
        _baseManaged = GC.GetTotalMemory(false);
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public (long WorkingSet, long Managed) Stop()
    {
        _stop = true;
        _thread.Join();
        return (_peakWorkingSet - _baseWorkingSet, _peakManaged - _baseManaged);
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Run()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop)
        {
            process.Refresh();
            _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
            _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(false));
            Thread.Sleep(50);
        }
    }
}
