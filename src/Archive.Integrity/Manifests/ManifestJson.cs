using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using NodaTime;

namespace Archive.Integrity.Manifests;

/// <summary>Maps <see cref="Manifest"/> to and from its JSON tree.</summary>
internal static class ManifestJson
{
    private static readonly string[] TopMembers = ["format", "items", "previous", "project", "retention", "sealedAt", "version"];
    private static readonly string[] ItemMembers = ["mediaType", "path", "receivedAt", "role", "sha256", "size", "sm3", "source"];
    private static readonly string[] RetentionMembers = ["policy", "until"];
    private static readonly string[] GapMembers = ["reason", "recordedBy", "role", "title"];
    private const string GapsMember = "gaps";
    private static readonly string[] ItemMembersWithRetention = ["mediaType", "path", "receivedAt", "retention", "role", "sha256", "size", "sm3", "source"];
    private static readonly string[] RetentionMembersOfItem = ["period", "until"];

    public static JsonObject ToJson(Manifest manifest)
    {
        var items = new JsonArray();
        foreach (var item in manifest.Items)
        {
            var itemJson = new JsonObject
            {
                ["path"] = item.Path,
                ["role"] = item.Role,
                ["mediaType"] = item.MediaType,
                ["size"] = item.Size,
                ["sha256"] = item.Sha256,
                ["sm3"] = item.Sm3,
                ["receivedAt"] = ManifestRules.InstantFormat.Format(item.ReceivedAt),
                ["source"] = item.Source,
            };
            if (item.Retention is { } retention)
            {
                itemJson["retention"] = new JsonObject
                {
                    ["period"] = retention.Period,
                    ["until"] = retention.Until is { } end ? ManifestRules.DateFormat.Format(end) : ManifestRetention.Permanent,
                };
            }

            items.Add(itemJson);
        }

        var json = new JsonObject
        {
            ["format"] = Manifest.FormatName,
            ["project"] = manifest.Project.ToJson(),
            ["version"] = manifest.Version,
            ["previous"] = manifest.Previous,
            ["sealedAt"] = ManifestRules.InstantFormat.Format(manifest.SealedAt),
            ["retention"] = new JsonObject
            {
                ["policy"] = manifest.Retention.Policy,
                ["until"] = manifest.Retention.Until is { } until ? ManifestRules.DateFormat.Format(until) : ManifestRetention.Permanent,
            },
            ["items"] = items,
        };
        if (manifest.Gaps.Count > 0)
        {
            // Optional and additive: a complete version's manifest is byte for byte what it was before gaps existed.
            json[GapsMember] = new JsonArray(manifest.Gaps.Select(g => (JsonNode)new JsonObject
            {
                ["role"] = g.Role,
                ["title"] = g.Title,
                ["reason"] = g.Reason,
                ["recordedBy"] = g.RecordedBy,
            }).ToArray());
        }

        return json;
    }

    public static Manifest Parse(ReadOnlySpan<byte> bytes)
    {
        JsonNode? root;
        try
        {
            root = CanonicalJson.Parse(bytes);
            if (!CanonicalJson.Serialize(root).AsSpan().SequenceEqual(bytes))
            {
                throw new ManifestFormatException("The manifest bytes are not in RFC 8785 canonical form.");
            }
        }
        catch (CanonicalJsonException ex)
        {
            throw new ManifestFormatException($"The manifest is not acceptable JSON: {ex.Message}", ex);
        }

        try
        {
            var top = Object(root, "manifest", null);
            var members = top.Select(p => p.Key).Where(k => k != GapsMember).Order(StringComparer.Ordinal).ToArray();
            if (!members.SequenceEqual(TopMembers))
            {
                throw new ManifestFormatException($"The manifest must have exactly the members {string.Join(", ", TopMembers)} (and optionally {GapsMember}).");
            }

            if (String(top, "format") != Manifest.FormatName)
            {
                throw new ManifestFormatException($"The format is not {Manifest.FormatName}.");
            }

            var project = Object(top["project"], "project", null);
            var extra = (JsonObject)project.DeepClone();
            extra.Remove("code");
            extra.Remove("name");
            extra.Remove("category");
            var retention = Object(top["retention"], "retention", RetentionMembers);
            var until = String(retention, "until");
            var items = top["items"] as JsonArray ?? throw new ManifestFormatException("\"items\" is not an array.");
            var parsedItems = items.Select(ParseItem).ToList();
            for (var i = 1; i < parsedItems.Count; i++)
            {
                // The constructor would sort them; stored bytes must already be in that order.
                if (string.CompareOrdinal(parsedItems[i - 1].Path, parsedItems[i].Path) >= 0)
                {
                    throw new ManifestFormatException("The items are not in strictly ascending path order.");
                }
            }

            return new Manifest(
                new ManifestProject(String(project, "code"), String(project, "name"), String(project, "category"), extra),
                Int32(top, "version"),
                top["previous"] is null ? null : String(top, "previous"),
                Instant(top, "sealedAt"),
                new ManifestRetention(String(retention, "policy"), until == ManifestRetention.Permanent ? null : Date(until)),
                parsedItems) { Gaps = ParseGaps(top) };
        }
        catch (ArgumentException ex)
        {
            throw new ManifestFormatException($"The manifest is invalid: {ex.Message}", ex);
        }
    }

    private static List<ManifestGap> ParseGaps(JsonObject top)
    {
        if (!top.ContainsKey(GapsMember))
        {
            return [];
        }

        var array = top[GapsMember] as JsonArray;
        if (array is null || array.Count == 0)
        {
            throw new ManifestFormatException("\"gaps\", when present, is a non-empty array.");
        }

        var gaps = array.Select(n => Object(n, "gap", GapMembers))
            .Select(g => new ManifestGap(String(g, "role"), String(g, "title"), String(g, "reason"), String(g, "recordedBy")))
            .ToList();
        for (var i = 1; i < gaps.Count; i++)
        {
            if (string.CompareOrdinal(gaps[i - 1].Role, gaps[i].Role) >= 0)
            {
                throw new ManifestFormatException("The gaps are not in strictly ascending role order.");
            }
        }

        return gaps;
    }

    private static ManifestItem ParseItem(JsonNode? node)
    {
        // The per-item retention is an additive member: items without it (manifests sealed before it) read as before.
        var item = Object(node, "item", node is JsonObject o && o.ContainsKey("retention") ? ItemMembersWithRetention : ItemMembers);
        ItemRetention? retention = null;
        if (item["retention"] is { } r)
        {
            var obj = Object(r, "item retention", RetentionMembersOfItem);
            var until = String(obj, "until");
            try
            {
                retention = new ItemRetention(String(obj, "period"), until == ManifestRetention.Permanent ? null : Date(until));
            }
            catch (ArgumentException e)
            {
                throw new ManifestFormatException($"The item retention is invalid: {e.Message}", e);
            }
        }

        return new ManifestItem(
            String(item, "path"),
            String(item, "role"),
            String(item, "mediaType"),
            Int64(item, "size"),
            String(item, "sha256"),
            String(item, "sm3"),
            Instant(item, "receivedAt"),
            String(item, "source"))
        { Retention = retention };
    }

    private static JsonObject Object(JsonNode? node, string what, string[]? exactMembers)
    {
        var obj = node as JsonObject ?? throw new ManifestFormatException($"The {what} is not a JSON object.");
        if (exactMembers is not null)
        {
            var names = obj.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            if (!names.SequenceEqual(exactMembers))
            {
                throw new ManifestFormatException($"The {what} must have exactly the members {string.Join(", ", exactMembers)}.");
            }
        }

        return obj;
    }

    private static string String(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new ManifestFormatException($"\"{name}\" is missing or not a string.");

    private static long Int64(JsonObject obj, string name)
    {
        if (obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            var number = value.GetValue<double>();
            if (number == Math.Floor(number) && Math.Abs(number) <= ManifestRules.MaxExactInteger)
            {
                return (long)number;
            }
        }

        throw new ManifestFormatException($"\"{name}\" is missing or not an integer.");
    }

    private static int Int32(JsonObject obj, string name)
    {
        var number = Int64(obj, name);
        return number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new ManifestFormatException($"\"{name}\" is out of range.");
    }

    private static Instant Instant(JsonObject obj, string name)
    {
        var result = ManifestRules.InstantFormat.Parse(String(obj, name));
        return result.Success ? result.Value : throw new ManifestFormatException($"\"{name}\" is not a UTC instant yyyy-MM-ddTHH:mm:ss.fffZ.");
    }

    private static LocalDate Date(string text)
    {
        var result = ManifestRules.DateFormat.Parse(text);
        return result.Success ? result.Value : throw new ManifestFormatException("\"until\" is neither a date yyyy-MM-dd nor \"permanent\".");
    }
}
