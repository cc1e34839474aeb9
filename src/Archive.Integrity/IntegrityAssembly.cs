namespace Archive.Integrity;

/// <summary>Marker for the integrity assembly.</summary>
public static class IntegrityAssembly;
