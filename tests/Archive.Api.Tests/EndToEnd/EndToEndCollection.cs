namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests run alone, after the parallel ones: they start hosts of their own (Hangfire's process-wide
/// <c>JobStorage.Current</c> is overwritten by every in-process host that starts, so hosts starting side by side can
/// enqueue into each other's storage), load both cores for minutes, kill processes on purpose, and measure memory and time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end to end (not parallel)";
}
