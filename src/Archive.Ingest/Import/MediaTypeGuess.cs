namespace Archive.Ingest.Import;

/// <summary>The media type of an item file from its extension, for <c>project.json</c> items that declare none.</summary>
public static class MediaTypeGuess
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".ofd"] = "application/ofd",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".zip"] = "application/zip",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".mp4"] = "video/mp4",
        [".m4a"] = "audio/mp4",
        [".wav"] = "audio/wav",
        [".mp3"] = "audio/mpeg",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>The media type for <paramref name="path"/>'s extension; <c>application/octet-stream</c> when unknown.</summary>
    public static string ForPath(string path) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : "application/octet-stream";
}
