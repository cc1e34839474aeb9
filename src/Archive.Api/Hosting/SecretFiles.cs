namespace Archive.Api.Hosting;

/// <summary>
/// The data folder and the secrets kept in it: the folder is made private at start-up (no access for other accounts;
/// group execute only where the embedded PostgreSQL account must pass through it), and the ledger signing key and the
/// admin token are refused when other accounts could read them.
/// </summary>
internal static class SecretFiles
{
    public const string KeyExposedCode = "startup.signing-key-exposed";
    public const string TokenExposedCode = "startup.admin-token-exposed";

    private const UnixFileMode Exposed =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute;

    /// <summary>Creates the data folder 0700, or takes from an existing one every right but its owner's (and group execute).</summary>
    public static void SecureDataDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~PrivateFolder) != 0)
        {
            File.SetUnixFileMode(path, mode & PrivateFolder);
        }
    }

    /// <summary>Refuses to start when the ledger signing key file exists and its group or other accounts have any right on it.</summary>
    /// <exception cref="StartupRefusedException">The file is exposed.</exception>
    public static void RefuseExposedSigningKey(string path) =>
        RefuseExposed(path, KeyExposedCode, $"账本签名私钥文件 {path} 可被其他账户读取或写入，拒绝启动；请执行 chmod 600 {path}，并考虑更换密钥。");

    /// <summary>Refuses to start when the admin token file exists and its group or other accounts have any right on it.</summary>
    /// <exception cref="StartupRefusedException">The file is exposed.</exception>
    public static void RefuseExposedAdminToken(string path) =>
        RefuseExposed(path, TokenExposedCode, $"管理员令牌文件 {path} 可被其他账户读取或写入，拒绝启动；请执行 chmod 600 {path}，并更换该令牌。");

    private static void RefuseExposed(string path, string code, string message)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & Exposed) != 0)
        {
            throw new StartupRefusedException(code, message);
        }
    }

    /// <summary>Writes <paramref name="text"/> and a newline to <paramref name="path"/> atomically, readable by its owner only (0600).</summary>
    public static async Task WriteAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(temp, options))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text + "\n"), ct);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
