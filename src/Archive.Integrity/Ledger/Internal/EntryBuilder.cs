using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using Archive.Integrity.Merkle;
using NodaTime;
using NodaTime.Text;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>Builds the canonical bytes of an entry and enforces the rules on its shape.</summary>
internal static class EntryBuilder
{
    internal const int MaxTypeLength = 100;
    internal const int MaxIdempotencyKeyLength = 200;

    public static PreparedEntry Prepare(string type, JsonObject fields, string? idempotencyKey, Instant at)
    {
        if (type is null || !IsValidType(type))
        {
            throw new LedgerArgumentException(
                nameof(type),
                $"Entry type must be 1–{MaxTypeLength} characters of a–z, 0–9, '.', '-' or '_', starting with a letter.");
        }
        if (fields is null)
        {
            throw new LedgerArgumentException(nameof(fields), "Entry fields are required (an empty object is fine).");
        }
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            throw new LedgerArgumentException(
                nameof(idempotencyKey), $"An idempotency key must be 1–{MaxIdempotencyKeyLength} characters without control characters.");
        }

        var entry = new JsonObject
        {
            ["type"] = type,
            ["at"] = InstantPattern.ExtendedIso.Format(at),
        };
        foreach (var (name, value) in fields)
        {
            if (name is "type" or "at")
            {
                throw new LedgerArgumentException(nameof(fields), $"Field '{name}' is reserved: the ledger sets it.");
            }
            entry[name] = value?.DeepClone();
        }

        var bytes = CanonicalJson.Serialize(entry);
        if (bytes.Length > LedgerOptions.MaxEntryBytes)
        {
            throw new LedgerArgumentException(
                nameof(fields),
                $"Entry is {bytes.Length} bytes; the ledger accepts at most {LedgerOptions.MaxEntryBytes} bytes (64 KiB). Store large data elsewhere and record its digest.");
        }
        return new PreparedEntry(type, bytes, TreeHashing.RecordHash(bytes), idempotencyKey, at);
    }

    private static bool IsValidType(string type) =>
        type.Length is > 0 and <= MaxTypeLength
        && char.IsAsciiLetterLower(type[0])
        && type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_');
}
