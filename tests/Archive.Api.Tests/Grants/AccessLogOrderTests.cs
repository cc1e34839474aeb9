using Archive.Api.Access.Log;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Grants;

/// <summary>
/// The project page lists the newest access-log entries, not the oldest: the log is queried newest first, and a project
/// with more reads than the page shows says older ones exist.
/// </summary>
public sealed class AccessLogOrderTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task NewestFirst_ReturnsTheLatestReads_InDescendingLedgerOrder()
    {
        var (_, archivist) = await fixture.Host.PrincipalAsync("档案员", "archivist", "云南省公共资源交易中心");
        for (var i = 0; i < 3; i++)
        {
            using var read = await archivist.GetAsync(fixture.Project.ItemUrl(ArchivedProject.PdfPath));
            read.EnsureSuccessStatusCode();
        }

        var store = fixture.Host.Services.GetRequiredService<AccessLogStore>();
        var all = await store.QueryAsync(new AccessLogQuery(fixture.Project.Code, null, null, null, null, null, null, 100), CancellationToken.None);
        var newest = await store.QueryAsync(new AccessLogQuery(fixture.Project.Code, null, null, null, null, null, null, 2, NewestFirst: true), CancellationToken.None);

        Assert.True(all.Count >= 3, $"{all.Count} rows");
        Assert.Equal(all.Select(r => r.Index).Reverse().Take(2), newest.Select(r => r.Index));
        Assert.True(newest[0].Index > newest[1].Index);
    }
}
