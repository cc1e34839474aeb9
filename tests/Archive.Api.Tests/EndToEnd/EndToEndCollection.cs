namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests run alone, after the parallel ones: they start hosts of their own, load both cores for
/// minutes, kill processes on purpose, and measure memory and time (and would slow other classes' timed waits).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end to end (not parallel)";
}
