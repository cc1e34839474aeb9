namespace Archive.Ingest.Policies.Internal;

/// <summary>Reads the optional <c>archivingDeadline</c> mapping of a policy file: <c>{days, startsAt, basis, status}</c>.</summary>
internal static class DeadlineReader
{
    public static ArchivingDeadline Read(YamlMap map)
    {
        var days = map.RequiredInt("days", 1, 3650);
        var startsNode = map.Required("startsAt");
        var startsAt = map.Scalar(startsNode, "startsAt");
        if (!DeadlineEvents.All.Contains(startsAt, StringComparer.Ordinal))
        {
            var known = string.Join(", ", DeadlineEvents.All);
            throw map.Errors.At(startsNode, $"未知的归档期限起算节点“{startsAt}”（可用：{known}）",
                $"unknown archiving deadline start '{startsAt}' (known: {known})");
        }

        var basis = PolicyFileReader.Chinese(map, "basis");
        var status = PolicyFileReader.Choice(map, "status", new Dictionary<string, BasisStatus>(StringComparer.Ordinal)
        {
            ["law"] = BasisStatus.Law, ["std"] = BasisStatus.Standard,
            ["choice"] = BasisStatus.Choice, ["unverified"] = BasisStatus.Unverified,
        });
        map.RejectUnknownKeys();
        return new ArchivingDeadline(days, startsAt, basis, status);
    }
}
