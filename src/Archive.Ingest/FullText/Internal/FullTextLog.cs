using Microsoft.Extensions.Logging;

namespace Archive.Ingest.FullText.Internal;

internal static partial class FullTextLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Full text of {ProjectCode} v{Version}: {Count} PDF item(s) recorded")]
    public static partial void Recorded(ILogger logger, string projectCode, int version, int count);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Full text of {ProjectCode} v{Version}: an item has no verified copy now; left for a later run")]
    public static partial void Unavailable(ILogger logger, Exception exception, string projectCode, int version);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Full-text backfill: {Count} PDF item(s) recorded")]
    public static partial void Backfilled(ILogger logger, int count);
}
