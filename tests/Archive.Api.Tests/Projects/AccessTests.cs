using System.Net;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Projects;

[Collection(ReadingCollection.Name)]
public sealed class AccessTests(ReadingFixture fixture)
{
    private string[] ContentUrls => [
        $"/api/v1/projects/{fixture.Sealed}",
        $"/api/v1/projects/{fixture.Sealed}/versions/1/manifest",
        $"/api/v1/projects/{fixture.Sealed}/items/{SampleProject.EscapePath(ReadingFixture.VideoPath)}",
        $"/api/v1/projects/{fixture.Sealed}/versions/1/bag",
        "/api/v1/projects/NOSUCHPROJECT/versions/1/bag",
    ];

    [Fact]
    public async Task AuditorWithoutGrant_IsRefusedEverythingButCatalogueSearch()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Auditor.GetAsync("/api/v1/projects?q=" + fixture.Prefix)).StatusCode);
        foreach (var url in ContentUrls)
        {
            var response = await fixture.Auditor.GetAsync(url);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
            Assert.False(response.Headers.Contains("X-Ledger-Index"));
        }
    }

    [Fact]
    public async Task IngestRole_IsRefusedContent()
    {
        foreach (var url in ContentUrls)
        {
            await (await fixture.Ingest.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden, "access.no-grant");
        }
    }

    [Fact]
    public async Task Anonymous_IsUnauthorized()
    {
        var response = await fixture.ClientWith(null).GetAsync(ContentUrls[2]);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/projects/NOSUCHPROJECT/versions/1/manifest", "project.not-found")]
    [InlineData("/api/v1/projects/{code}/versions/2/manifest", "version.not-found")]
    [InlineData("/api/v1/projects/{code}/versions/0/bag", "version.not-found")]
    [InlineData("/api/v1/projects/{incomplete}/versions/1/manifest", "version.not-found")]
    [InlineData("/api/v1/projects/{code}/items/no/such.pdf", "item.not-found")]
    [InlineData("/api/v1/projects/{code}/items/%E5%85%AC%E5%91%8A/%E4%BA%A4%E6%98%93%E5%85%AC%E5%91%8A.pdf?version=9", "version.not-found")]
    [InlineData("/api/v1/projects/NOSUCHPROJECT/items/a.pdf", "project.not-found")]
    public async Task Unknown_Returns404Problem(string url, string code)
    {
        var response = await fixture.Archivist.GetAsync(url.Replace("{code}", fixture.Sealed).Replace("{incomplete}", fixture.Incomplete));
        await response.AssertProblemAsync(HttpStatusCode.NotFound, code);
    }

    [Theory]
    [InlineData("..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2E%2E/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("公告/..%2F..%2Fonline%2Fobjects")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("a%5C..%5C..%5Cb")]
    [InlineData("%25")]
    public async Task PathTraversal_IsRefusedOrNotFound_NeverServed(string rawPath)
    {
        var response = await fixture.Archivist.GetAsync(new Uri($"/api/v1/projects/{fixture.Sealed}/items/{rawPath}", UriKind.Relative));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Ledger-Index"));
    }
}
