using Archive.Integrity.Notes;

namespace Archive.Integrity.Ledger;

/// <summary>Finds the ledger's Ed25519 note signing key, creating it on first start.</summary>
public static class LedgerSigningKey
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Returns the configured <c>PRIVATE+KEY+…</c> signer key if given; else the key stored in
    /// <paramref name="keyFilePath"/>; else generates a key named <paramref name="origin"/> and writes it there
    /// atomically with Unix mode 0600 (if two processes race, both end up with the file that landed first).
    /// </summary>
    /// <param name="configuredKey">A note signer key from configuration, or <see langword="null"/>/empty.</param>
    /// <param name="keyFilePath">Where the key is kept when none is configured, e.g. <c>&lt;data&gt;/ledger-signing-key</c>.</param>
    /// <param name="origin">The ledger's origin; the key's name must equal it.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    /// <exception cref="InvalidOperationException">The key cannot be parsed or is named other than <paramref name="origin"/>.</exception>
    /// <exception cref="IOException">The key file cannot be read or written.</exception>
    public static NoteSigner LoadOrCreate(string? configuredKey, string keyFilePath, string origin) =>
        LoadOrCreate(configuredKey, keyFilePath, origin, NoteSigner.Generate, NoteSigner.Parse);

    /// <summary>
    /// The SM2 (国密) key that co-signs checkpoints beside the Ed25519 key: the configured signer key, else the one in
    /// <paramref name="keyFilePath"/>, else a new key written there (mode 0600), exactly as <see cref="LoadOrCreate(string?, string, string)"/>.
    /// </summary>
    /// <param name="configuredKey">An SM2 signer key <c>PRIVATE+KEY+…</c> from configuration, or null.</param>
    /// <param name="keyFilePath">Where the generated key is kept.</param>
    /// <param name="origin">The ledger's origin, which must be the key's name.</param>
    /// <returns>The SM2 signer.</returns>
    /// <exception cref="InvalidOperationException">The key cannot be parsed or is named differently.</exception>
    public static Sm2NoteSigner LoadOrCreateSm2(string? configuredKey, string keyFilePath, string origin) =>
        LoadOrCreate(configuredKey, keyFilePath, origin, Sm2NoteSigner.Generate, Sm2NoteSigner.Parse);

    /// <summary>Writes a new signer key to <paramref name="keyFilePath"/>, which must not exist (mode 0600, O_EXCL).</summary>
    /// <param name="signer">The key to keep.</param>
    /// <param name="keyFilePath">Where to keep it.</param>
    /// <exception cref="IOException">The file exists.</exception>
    public static void WriteNew(INoteSigner signer, string keyFilePath)
    {
        ArgumentNullException.ThrowIfNull(signer);
        using var stream = CreateNew(keyFilePath);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(signer.ToSignerKey() + "\n"));
        stream.Flush(flushToDisk: true);
    }

    private static T LoadOrCreate<T>(string? configuredKey, string keyFilePath, string origin, Func<string, T> generate, Func<string, T> parse)
        where T : INoteSigner
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFilePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);

        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            return Checked(configuredKey.Trim(), "the configured ledger signing key", origin, parse);
        }
        if (File.Exists(keyFilePath))
        {
            return Checked(ReadCompleteKey(keyFilePath), keyFilePath, origin, parse);
        }

        // Creating the key file itself with O_EXCL (FileMode.CreateNew) decides atomically which process's key wins;
        // File.Move without overwrite is not atomic on Unix (it checks, then renames over), so two starts could each
        // believe their own key was kept. A loser waits until the winner's key is complete (it ends with a newline).
        var signer = generate(origin);
        try
        {
            WriteNew(signer, keyFilePath);
            return signer;
        }
        catch (IOException) when (File.Exists(keyFilePath))
        {
            return Checked(ReadCompleteKey(keyFilePath), keyFilePath, origin, parse);
        }
    }

    private static FileStream CreateNew(string keyFilePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(keyFilePath))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return new FileStream(keyFilePath, options);
    }

    // The key another process is writing: complete once it ends with a newline; a file that stays incomplete (a
    // process that died while writing it) is reported as it is, for the operator to remove.
    private static string ReadCompleteKey(string keyFilePath)
    {
        var text = File.ReadAllText(keyFilePath);
        for (var attempt = 0; attempt < 100 && !text.EndsWith('\n'); attempt++)
        {
            Thread.Sleep(50);
            text = File.ReadAllText(keyFilePath);
        }

        return text.Trim();
    }

    private static T Checked<T>(string key, string source, string origin, Func<string, T> parse)
        where T : INoteSigner
    {
        T signer;
        try
        {
            signer = parse(key);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"Cannot parse {source} as a note signer key (PRIVATE+KEY+…): {e.Message}", e);
        }
        if (!string.Equals(signer.Name, origin, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The key in {source} is named '{signer.Name}' but the ledger's origin is '{origin}'.");
        }
        return signer;
    }
}
