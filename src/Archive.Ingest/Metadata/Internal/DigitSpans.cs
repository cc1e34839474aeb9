namespace Archive.Ingest.Metadata.Internal;

/// <summary>Small span helpers shared by the identifier validators.</summary>
internal static class DigitSpans
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
