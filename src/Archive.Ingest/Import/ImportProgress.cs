namespace Archive.Ingest.Import;

/// <summary>Where the import of one project stands, for the progress display.</summary>
/// <param name="Stage">What it is doing, in Chinese (上传、封存中 …).</param>
/// <param name="BytesDone">Bytes sent so far.</param>
/// <param name="BytesTotal">Bytes to send in all.</param>
public readonly record struct ImportProgress(string Stage, long BytesDone, long BytesTotal);
