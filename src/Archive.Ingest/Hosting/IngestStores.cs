using Archive.Storage;

namespace Archive.Ingest.Hosting;

/// <summary>The two independent copies: the online store (staging and content-addressed objects) and the offline store (bags).</summary>
/// <param name="Online">S3-compatible object storage, or a folder on embedded defaults.</param>
/// <param name="Offline">Azure Blob, another S3 bucket, or a folder for optical media or tape.</param>
public sealed record IngestStores(IObjectStore Online, IObjectStore Offline);
