using System.Globalization;
using System.Text.Json.Nodes;

namespace Archive.Demo;

/// <summary>
/// Structured records of the samples, as trading systems emit them, named after their data-set numbers
/// (501 招标项目, 502 标段, 503 招标公告, 504 招标文件, 506 开标记录, 508 评标专家, 509 评标报告, 511 中标候选人公示,
/// 512 合同, 513 中标结果公告). Numbers 550–557, 600/601, 650/651 and 700–702 are used for the other categories in
/// the ranges DOMAIN.md names; their exact assignment here is illustrative.
/// </summary>
internal static class DemoRecords
{
    private static readonly Dictionary<(string Category, string Role), (int Number, string Name)[]> DataSets = new()
    {
        [("engineering", "project-record")] = [(501, "招标项目"), (502, "标段")],
        [("engineering", "tender-notice")] = [(503, "招标公告")],
        [("engineering", "tender-documents")] = [(504, "招标文件")],
        [("engineering", "opening-record")] = [(506, "开标记录")],
        [("engineering", "evaluation-committee")] = [(508, "评标专家")],
        [("engineering", "evaluation-report")] = [(509, "评标报告")],
        [("engineering", "candidate-publicity")] = [(511, "中标候选人公示")],
        [("engineering", "contract")] = [(512, "合同")],
        [("engineering", "award-notice")] = [(513, "中标结果公告")],
        [("procurement", "procurement-record")] = [(550, "采购项目")],
        [("procurement", "procurement-notice")] = [(551, "采购公告")],
        [("procurement", "opening-record")] = [(553, "开标记录")],
        [("procurement", "evaluation-experts")] = [(554, "评审专家")],
        [("procurement", "award-notice")] = [(555, "中标成交结果")],
        [("procurement", "contract")] = [(556, "采购合同")],
        [("land", "transfer-notice")] = [(600, "土地出让公告")],
        [("land", "deal-confirmation")] = [(601, "土地出让结果")],
        [("mining", "transfer-notice")] = [(650, "矿业权出让公告")],
        [("mining", "deal-confirmation")] = [(651, "矿业权出让结果")],
        [("state-assets", "disclosure-notice")] = [(700, "产权转让披露公告")],
        [("state-assets", "bidding-record")] = [(701, "产权交易竞价记录")],
        [("state-assets", "result-publicity")] = [(702, "产权交易结果")],
    };

    /// <summary>Roles kept only as records (no PDF).</summary>
    private static readonly HashSet<string> RecordOnly =
        ["project-record", "opening-record", "evaluation-committee", "evaluation-experts", "procurement-record", "bidding-record", "transaction-record", "approval-records"];

    public static IReadOnlyList<(int? Number, string Name)> RecordsFor(string category, string role, string title)
    {
        if (DataSets.TryGetValue((category, role), out var sets))
        {
            return sets.Select(s => ((int?)s.Number, s.Name)).ToList();
        }

        return RecordOnly.Contains(role) ? [(null, title.Split('（', '/')[0])] : [];
    }

    public static bool HasDocument(string role) => !RecordOnly.Contains(role);

    /// <summary>The JSON of one record: data-set header, project, parties, and fields fitting the record.</summary>
    public static JsonObject Record(DemoProject p, int? number, string name, string role)
    {
        var record = new JsonObject
        {
            ["dataSet"] = number?.ToString(CultureInfo.InvariantCulture),
            ["dataSetName"] = name,
            ["role"] = role,
            ["dataTimestamp"] = Timestamp(p.Dates.Opening),
            ["project"] = new JsonObject { ["code"] = p.Code, ["name"] = p.Name, ["region"] = p.Region, ["category"] = p.Category },
            ["owner"] = Party(p.Owner),
        };
        if (p.Agency is { } agency)
        {
            record["agency"] = Party(agency);
        }

        var bids = new JsonArray();
        for (var i = 0; i < p.Bidders.Count; i++)
        {
            // The winner bids the awarded amount; the others a little more.
            var price = p.Amount * (1 + (0.013m * i));
            bids.Add(new JsonObject { ["bidder"] = Party(p.Bidders[i]), ["price"] = decimal.Round(price, 2), ["rank"] = i + 1 });
        }

        record["bids"] = bids;
        if (role is "evaluation-committee" or "evaluation-experts")
        {
            record["experts"] = new JsonArray(
                Expert("张**", "工程造价"), Expert("李**", "土木工程"), Expert("王**", "经济"), Expert("赵**", "法律"), Expert("杨**", "项目管理"));
        }

        record["winner"] = Party(p.Bidders[0]);
        record["amount"] = p.Amount;
        return record;
    }

    private static JsonObject Party(DemoParty party) =>
        new() { ["role"] = party.Role, ["name"] = party.Name, ["creditCode"] = party.CreditCode };

    private static JsonObject Expert(string name, string field) => new() { ["name"] = name, ["field"] = field, ["source"] = "云南省综合评标专家库随机抽取" };

    private static string Timestamp(string date) => date.Replace("-", "", StringComparison.Ordinal) + "093000";
}
