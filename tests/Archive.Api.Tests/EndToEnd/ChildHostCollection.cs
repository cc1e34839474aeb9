namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// The tests that run the host as a child process (crash safety, the 2 GiB recording) run alone, after the parallel
/// ones: they load both cores for minutes, kill processes on purpose and measure memory and time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildHostCollection
{
    public const string Name = "child-process host";
}
