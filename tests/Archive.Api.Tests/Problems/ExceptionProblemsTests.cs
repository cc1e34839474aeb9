using System.Net.Sockets;
using System.Text.Json;
using Archive.Api.Problems;
using Archive.Core.Errors;
using Archive.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Archive.Api.Tests.Problems;

/// <summary>The one place refusals become HTTP: every <see cref="ErrorKind"/> has its status and the same body shape.</summary>
public sealed class ExceptionProblemsTests
{
    // The statuses of CONTRACT/README for each kind of refusal; a new kind must be added here on purpose.
    private static readonly Dictionary<ErrorKind, int> Expected = new()
    {
        [ErrorKind.Invalid] = 400,
        [ErrorKind.Forbidden] = 403,
        [ErrorKind.NotFound] = 404,
        [ErrorKind.Conflict] = 409,
        [ErrorKind.TooLarge] = 413,
        [ErrorKind.UnsupportedMediaType] = 415,
        [ErrorKind.RangeNotSatisfiable] = 416,
        [ErrorKind.Unprocessable] = 422,
        [ErrorKind.Integrity] = 500,
        [ErrorKind.Unavailable] = 503,
        [ErrorKind.Gone] = 410,
    };

    public static TheoryData<ErrorKind> Kinds() => [.. Enum.GetValues<ErrorKind>()];

    [Fact]
    public void EveryKind_HasAnExpectedStatus()
    {
        Assert.Equal(Enum.GetValues<ErrorKind>().Order(), Expected.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Refusal_AnswersItsKindsStatus_WithCodeChineseMessageFieldAndProblems(ErrorKind kind)
    {
        var refusal = new SampleRefusal(kind);

        var (status, body) = await HandleAsync(refusal);

        Assert.Equal(Expected[kind], status);
        Assert.Equal(Expected[kind], body.GetProperty("status").GetInt32());
        Assert.Equal("urn:archive:problem:sample.refused", body.GetProperty("type").GetString());
        Assert.Equal("sample.refused", body.GetProperty("code").GetString());
        Assert.Equal("示例拒绝：第 2 项无效。", body.GetProperty("title").GetString());
        Assert.Equal("示例拒绝：第 2 项无效。", body.GetProperty("detail").GetString());
        Assert.Equal("items[1]", body.GetProperty("field").GetString());
        var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
        Assert.Equal("sample.item", problem.GetProperty("code").GetString());
        Assert.Equal("items[1]", problem.GetProperty("field").GetString());
        Assert.Equal("第 2 项无效。", problem.GetProperty("message").GetString());
        Assert.Equal(Expected[kind], ExceptionProblems.StatusOf(kind));
    }

    [Fact]
    public async Task StorageRefusal_ShowsItsChineseMessage_NotTheDeveloperMessage()
    {
        var (status, body) = await HandleAsync(new ObjectNotFoundException("objects/sha256/ab/secret-key"));

        Assert.Equal(404, status);
        Assert.Equal("storage.not-found", body.GetProperty("code").GetString());
        Assert.Equal("对象不存在。", body.GetProperty("detail").GetString());
        Assert.False(body.TryGetProperty("problems", out _));
        Assert.DoesNotContain("secret-key", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedException_IsA500_WithoutItsMessage()
    {
        var (status, body) = await HandleAsync(new InvalidOperationException("connection string Password=hunter2"));

        Assert.Equal(500, status);
        Assert.Equal("internal", body.GetProperty("code").GetString());
        Assert.DoesNotContain("hunter2", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableDatabase_IsA503_WithRetryAfter_AlsoWhenALibraryWrappedIt()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432 Password=hunter2", new SocketException((int)SocketError.ConnectionRefused));
        foreach (var exception in new Exception[] { refused, new InvalidOperationException("job creation failed", refused) })
        {
            var (status, body, headers) = await HandleWithHeadersAsync(exception);

            Assert.Equal(503, status);
            Assert.Equal("database.unavailable", body.GetProperty("code").GetString());
            Assert.Equal("数据库暂时不可用，请稍后重试。", body.GetProperty("detail").GetString());
            Assert.Equal("5", headers.RetryAfter.ToString());
            Assert.DoesNotContain("hunter2", body.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DatabaseError_ThatRetryingCannotHeal_IsStillA500()
    {
        var (status, body, _) = await HandleWithHeadersAsync(new NpgsqlException("a bug in a query"));

        Assert.Equal(500, status);
        Assert.Equal("internal", body.GetProperty("code").GetString());
    }

    private static async Task<(int Status, JsonElement Body)> HandleAsync(Exception exception)
    {
        var (status, body, _) = await HandleWithHeadersAsync(exception);
        return (status, body);
    }

    private static async Task<(int Status, JsonElement Body, IHeaderDictionary Headers)> HandleWithHeadersAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/api/v1/sample";
        using var body = new MemoryStream();
        context.Response.Body = body;

        var handled = await new ExceptionProblems(NullLogger<ExceptionProblems>.Instance).TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        return (context.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone(), context.Response.Headers);
    }

    private sealed class SampleRefusal(ErrorKind kind) : ArchiveException("sample refusal for item 2 (developer text)")
    {
        public override ErrorKind Kind => kind;

        public override string Code => "sample.refused";

        public override string UserMessage => "示例拒绝：第 2 项无效。";

        public override string? Field => "items[1]";

        public override IReadOnlyList<ArchiveProblem> Problems => [new("sample.item", "items[1]", "第 2 项无效。")];
    }
}
