namespace Archive.Api.Tests.Cli;

/// <summary>
/// The import tests run two archive hosts in one process (the test host and the command's own). Hangfire keeps its
/// storage in a process-wide static (<c>JobStorage.Current</c>) that every host's <c>AddHangfire</c> overwrites while
/// it starts, so these tests run alone, not beside other classes starting hosts of their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli (not parallel)";
}
