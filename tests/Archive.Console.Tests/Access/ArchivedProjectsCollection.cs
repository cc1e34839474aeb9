namespace Archive.Console.Tests.Access;

/// <summary>The test classes that share one host with <see cref="ArchivedProjectsFixture"/>'s projects (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ArchivedProjectsCollection : ICollectionFixture<ArchivedProjectsFixture>
{
    public const string Name = "archived projects";
}
