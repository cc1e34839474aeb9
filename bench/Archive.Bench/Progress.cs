namespace Archive.Bench;

/// <summary>Progress lines on stderr (the table goes to stdout).</summary>
internal static class Progress
{
    public static void Say(string message) => Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");
}
