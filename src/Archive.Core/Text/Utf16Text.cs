namespace Archive.Core.Text;

/// <summary>Checks on .NET strings that every layer needs before text becomes a key, a path or a signed record.</summary>
public static class Utf16Text
{
    /// <summary>Whether <paramref name="value"/> is well-formed UTF-16: every surrogate is part of a pair.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
