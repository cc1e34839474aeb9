using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// <c>ledger rotate-key</c>: introduces new ledger signing keys (Ed25519 and SM2) with a <c>ledger.key-rotated</c> entry
/// signed under the current keys (README, "Rotating the ledger keys"). Run it with every host stopped: a host still
/// holding the previous key refuses to sign until it is restarted with the new one.
/// The next keys are first written beside the current ones as <c>*.next</c> (0600), so a rotation that stops halfway
/// resumes with the same keys; after the rotation commits, key files are swapped and the previous ones kept as
/// <c>*.retired-&lt;hex8&gt;</c>. Keys given through <c>ARCHIVE_LEDGER_*SIGNING_KEY</c> are not rewritten: the command
/// says which files now hold the keys to configure.
/// </summary>
internal static class RotateKeyCommand
{
    public static async Task<int> RunAsync(IAnsiConsole console, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        await using var host = await LedgerCommandHost.OpenAsync(overrides, ct);
        var settings = host.Settings;
        var ledger = host.Ledger;
        await ledger.StartAsync(ct);

        var next = NextKey(settings.LedgerKeyFile, settings.LedgerOrigin, NoteSigner.Generate, NoteSigner.Parse);
        var nextSm2 = NextKey(settings.LedgerSm2KeyFile, settings.LedgerOrigin, Sm2NoteSigner.Generate, Sm2NoteSigner.Parse);
        var rotation = await ledger.RotateKeysAsync(next, nextSm2, ct);

        var fromFiles = string.IsNullOrWhiteSpace(settings.LedgerSigningKey) && string.IsNullOrWhiteSpace(settings.LedgerSm2SigningKey);
        if (fromFiles)
        {
            Swap(settings.LedgerKeyFile, rotation.PreviousKey);
            Swap(settings.LedgerSm2KeyFile, rotation.PreviousKey);
        }

        console.MarkupLine($"[green]账本签名密钥已轮换[/]：轮换条目序号 {rotation.EntryIndex}（ledger.key-rotated），其检查点由新旧两代密钥共同签署。");
        console.MarkupLine($"原验证公钥：{Markup.Escape(rotation.PreviousKey)}");
        console.MarkupLine($"新验证公钥：{Markup.Escape(rotation.NextKey)}");
        console.MarkupLine($"新 SM2 验证公钥：{Markup.Escape(rotation.NextCosignerKey)}");
        console.MarkupLine(fromFiles
            ? "新密钥已就位，原密钥文件保留为 *.retired-*。请重新启动所有归档服务进程。"
            : $"[yellow]密钥由环境变量配置：请把 ARCHIVE_LEDGER_SIGNING_KEY 与 ARCHIVE_LEDGER_SM2_SIGNING_KEY 改为 {Markup.Escape(settings.LedgerKeyFile)}.next 与 {Markup.Escape(settings.LedgerSm2KeyFile)}.next 的内容，然后重新启动所有进程。[/]");
        return ArchiveCli.Success;
    }

    // A rotation that stopped before its commit left the next key written: use it again, so the keys never fork.
    private static T NextKey<T>(string keyFile, string origin, Func<string, T> generate, Func<string, T> parse)
        where T : INoteSigner
    {
        var path = keyFile + ".next";
        if (File.Exists(path))
        {
            return parse(File.ReadAllText(path).Trim());
        }

        var signer = generate(origin);
        LedgerSigningKey.WriteNew(signer, path);
        return signer;
    }

    private static void Swap(string keyFile, string previousVerifierKey)
    {
        var hash = previousVerifierKey.Split('+')[1];
        if (File.Exists(keyFile))
        {
            File.Move(keyFile, $"{keyFile}.retired-{hash}");
        }

        File.Move(keyFile + ".next", keyFile);
    }
}
