namespace Archive.Api.Tests.Infrastructure;

/// <summary>A test class with a host of its own (fresh database and data folder) and an admin client.</summary>
public abstract class ApiTest : IAsyncLifetime
{
    /// <summary>The host.</summary>
    protected ArchiveApiFactory Factory { get; private set; } = null!;

    /// <summary>A client holding the bootstrap admin's token.</summary>
    protected HttpClient Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Factory = await ArchiveApiFactory.CreateAsync();
        Admin = Factory.ClientWith(Factory.AdminToken);
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
