namespace Archive.Ingest;

/// <summary>Marker for the ingest assembly.</summary>
public static class IngestAssembly;
