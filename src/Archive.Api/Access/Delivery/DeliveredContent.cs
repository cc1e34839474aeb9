using System.Globalization;
using System.Text.Json.Nodes;
using Archive.Core.Streams;
using Archive.Integrity.Ledger;

namespace Archive.Api.Access.Delivery;

/// <summary>
/// The one place content leaves the archive (Invariant 6). Executing it: (1) appends the <c>access.read</c> /
/// <c>access.copied</c> entry and waits for its commit, (2) only then sets status and headers (with
/// <c>X-Ledger-Index</c>) and runs the body writer through a stream that counts and hashes every byte written,
/// (3) after the response completed — or failed — appends <c>access.delivered</c> with the bytes and SHA-256 actually
/// delivered. Create it with <see cref="Release"/>; transformations (watermarks, masking) are body writers.
/// </summary>
public sealed partial class DeliveredContent : IResult
{
    /// <summary>The response header carrying the index of the read's ledger entry.</summary>
    public const string LedgerIndexHeader = "X-Ledger-Index";

    private readonly AccessDecision _decision;
    private readonly ContentRelease _release;
    private readonly ContentResponse _response;
    private readonly Func<Stream, CancellationToken, Task> _writeBody;

    private DeliveredContent(AccessDecision decision, ContentRelease release, ContentResponse response, Func<Stream, CancellationToken, Task> writeBody)
    {
        _decision = decision;
        _release = release;
        _response = response;
        _writeBody = writeBody;
    }

    /// <summary>A release of content to an allowed caller.</summary>
    /// <param name="decision">An allowed decision of <see cref="IContentAccess"/>.</param>
    /// <param name="release">What the ledger records before the first byte.</param>
    /// <param name="response">Status and headers.</param>
    /// <param name="writeBody">Writes the body onto the given stream (which counts and hashes it).</param>
    /// <exception cref="ArgumentException">The decision is a refusal.</exception>
    public static DeliveredContent Release(AccessDecision decision, ContentRelease release, ContentResponse response, Func<Stream, CancellationToken, Task> writeBody)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(writeBody);
        return decision.IsAllowed ? new(decision, release, response, writeBody) : throw new ArgumentException("Content is released only on an allowed decision.", nameof(decision));
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var ledger = services.GetRequiredService<ILedger>();
        var logger = services.GetRequiredService<ILogger<DeliveredContent>>();

        // Not the request's token: once queued, the entry may be committed anyway, and then it must be known.
        var read = await ledger.AppendAsync(_release.EntryType, ReadFields(), null, CancellationToken.None);

        var response = httpContext.Response;
        response.StatusCode = _response.StatusCode;
        response.ContentType = _response.ContentType;
        response.ContentLength = _response.ContentLength;
        response.Headers[LedgerIndexHeader] = read.Index.ToString(CultureInfo.InvariantCulture);
        response.Headers.XContentTypeOptions = "nosniff";
        // Archived HTML or SVG must never run as a page of the archive's own origin.
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.CacheControl = "private, no-store";
        if (_response.ETag is { } etag)
        {
            response.Headers.ETag = etag;
        }

        if (_response.ContentRange is { } range)
        {
            response.Headers.ContentRange = range;
        }

        if (_response.ContentDisposition is { } disposition)
        {
            response.Headers.ContentDisposition = disposition;
        }

        if (_response.AcceptRanges)
        {
            response.Headers.AcceptRanges = "bytes";
        }

        await using var body = new HashingWriteStream(response.Body);
        var completed = false;
        string? reason = null;
        try
        {
            await _writeBody(body, httpContext.RequestAborted);
            await response.CompleteAsync();
            completed = true;
        }
        catch (Exception e) when (!response.HasStarted && (reason = DeliveryFailure.ReasonOf(e)) is not null)
        {
            // Nothing left yet: the host answers with a problem instead (e.g. content.lost).
            throw;
        }
        catch (Exception e) when (response.HasStarted)
        {
            reason = DeliveryFailure.ReasonOf(e);
            // The status line is gone: all that is left is to cut the connection so the client cannot take a
            // truncated body for a whole one, and to record what it got.
            LogInterrupted(logger, _release.EntryType, read.Index, body.BytesWritten, e.GetType().FullName);
            httpContext.Abort();
        }
        finally
        {
            var delivered = new JsonObject
            {
                ["readEntry"] = read.Index,
                ["bytes"] = body.BytesWritten,
                ["sha256"] = body.Sha256Hex(),
                ["completed"] = completed,
            };
            if (!completed)
            {
                delivered["reason"] = reason ?? "aborted";
            }

            await ledger.AppendAsync(ContentRelease.Delivered, delivered, null, CancellationToken.None);
        }
    }

    private JsonObject ReadFields()
    {
        var fields = BaseFields();
        // An auditor's release names the grant's paperwork; a transformed release both digests (Invariant 6).
        if (_decision.Grant is { } grant)
        {
            fields["request"] = grant.RequestId.ToString();
            fields["approvalNumber"] = grant.ApprovalNumber;
            fields["documentNumber"] = grant.DocumentNumber;
        }

        if (_release.DeliveredSha256 is { } delivered)
        {
            fields["transform"] = _release.Transform;
            fields["deliveredSha256"] = delivered;
            fields["deliveredSize"] = _release.DeliveredSize;
        }

        return fields;
    }

    private JsonObject BaseFields() => new()
    {
        ["principal"] = _decision.PrincipalId.ToString(),
        ["role"] = _decision.Role,
        ["organization"] = _decision.Organization,
        ["grant"] = _decision.GrantId?.ToString(),
        ["project"] = _release.ProjectCode,
        ["version"] = _release.Version,
        ["object"] = _release.Object,
        ["path"] = _release.Path,
        ["range"] = _release.Range,
        ["sha256"] = _release.Sha256,
        ["size"] = _release.Size,
    };

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "{EntryType} {LedgerIndex} interrupted after {Bytes} bytes ({ExceptionType}); connection aborted")]
    private static partial void LogInterrupted(ILogger logger, string entryType, long ledgerIndex, long bytes, string? exceptionType);
}
