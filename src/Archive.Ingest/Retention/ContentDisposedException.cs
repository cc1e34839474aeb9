using System.Globalization;
using Archive.Core.Errors;

namespace Archive.Ingest.Retention;

/// <summary>The content asked for was disposed at the end of retention (HTTP 410); the tombstone entry says what and on whose decision.</summary>
public sealed class ContentDisposedException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="version">The disposed version.</param>
    /// <param name="tombstoneEntry">The ledger index of its <c>retention.disposed</c> entry.</param>
    public ContentDisposedException(string projectCode, int version, long tombstoneEntry)
        : base(string.Create(CultureInfo.InvariantCulture, $"Version {version} of '{projectCode}' was disposed (ledger entry {tombstoneEntry})."))
    {
        Version = version;
        TombstoneEntry = tombstoneEntry;
    }

    /// <summary>Creates the exception for one item disposed on its own (the version's other items are still served).</summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="version">The version holding the item.</param>
    /// <param name="path">The disposed item's path.</param>
    /// <param name="tombstoneEntry">The ledger index of its <c>retention.disposed</c> entry.</param>
    public ContentDisposedException(string projectCode, int version, string path, long tombstoneEntry)
        : base(string.Create(CultureInfo.InvariantCulture, $"An item of version {version} of '{projectCode}' was disposed (ledger entry {tombstoneEntry})."))
    {
        Version = version;
        Path = path;
        TombstoneEntry = tombstoneEntry;
    }

    /// <summary>The disposed version.</summary>
    public int Version { get; }

    /// <summary>The disposed item's path when a single item was disposed, else null (the whole version).</summary>
    public string? Path { get; }

    /// <summary>The ledger index of the tombstone.</summary>
    public long TombstoneEntry { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Gone;

    /// <inheritdoc/>
    public override string Code => "content.disposed";

    /// <inheritdoc/>
    public override string UserMessage => Path is null
        ? string.Create(CultureInfo.InvariantCulture,
            $"该项目第 {Version} 版的内容已在保管期满后经鉴定销毁，不再提供；销毁记录见账本第 {TombstoneEntry} 条（retention.disposed）。")
        : string.Create(CultureInfo.InvariantCulture,
            $"该项目第 {Version} 版的条目“{Path}”已在其保管期满后经鉴定销毁，不再提供（该版其他条目照常提供）；销毁记录见账本第 {TombstoneEntry} 条（retention.disposed）。");
}
