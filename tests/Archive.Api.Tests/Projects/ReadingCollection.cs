namespace Archive.Api.Tests.Projects;

/// <summary>The reading tests share one host with one sealed project: sealing takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class ReadingCollection : ICollectionFixture<ReadingFixture>
{
    public const string Name = "reading";
}
