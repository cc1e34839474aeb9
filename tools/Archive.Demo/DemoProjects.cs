namespace Archive.Demo;

/// <summary>
/// The sample projects of <c>./archive demo</c>: at least one per trading category, in 昆明 (5301xx), 曲靖 (5303xx)
/// and 大理 (5329xx). Codes use the 17-character form (letter + region + 10 characters); the letter E for engineering
/// is the specification's, the other letters are this demo's choice. The procurement project has a free-form code.
/// Names, parties and amounts are invented; credit codes are valid but belong to nobody.
/// </summary>
internal static class DemoProjects
{
    /// <summary>The platform the samples are submitted by.</summary>
    public const string Platform = "云南省公共资源交易电子服务系统";

    /// <summary>The project that also receives a supplement (version 2).</summary>
    public const string SupplementedFolder = "01-工程-昆明五华普吉路";

    public static IReadOnlyList<DemoProject> All { get; } =
    [
        new()
        {
            Folder = SupplementedFolder, Code = "E5301022025000187", Category = "engineering", Region = "530102", City = "昆明市五华区",
            Name = "昆明市五华区普吉路道路提升改造工程（一标段）施工",
            Owner = Owner("招标人", "530102", "昆明市五华区城市更新建设管理中心", agency: false),
            Agency = Company("招标代理机构", "530100", "云南滇信工程咨询有限公司"),
            Bidders = Companies("投标人", "530100", "云南建投第三建设有限公司", "昆明市政建设集团有限公司", "云南交投公路建设第二工程有限公司"),
            Dates = ("2025-03-03", "2025-03-25", "2025-04-08", "2025-12-20"), Amount = 38_654_200.00m,
            Flags = new Dictionary<string, bool> { ["fullyElectronic"] = true },
            ExtraRoles = ["site-visit-notice", "bid-security-receipts"],
        },
        new()
        {
            Folder = "02-工程-曲靖麒麟一中", Code = "E5303022025000046", Category = "engineering", Region = "530302", City = "曲靖市麒麟区",
            Name = "曲靖市麒麟区第一中学教学综合楼建设工程监理",
            Owner = Owner("招标人", "530302", "曲靖市麒麟区教育体育局", agency: true),
            Agency = Company("招标代理机构", "530300", "曲靖市珠源建设项目管理有限公司"),
            Bidders = Companies("投标人", "530300", "云南城市建设工程咨询有限公司", "曲靖市建设工程监理有限责任公司", "云南新迪建设咨询监理有限公司"),
            Dates = ("2025-05-12", "2025-06-03", "2025-06-16", "2025-11-30"), Amount = 1_286_000.00m,
            Flags = new Dictionary<string, bool> { ["hasCorrections"] = true },
        },
        new()
        {
            Folder = "03-采购-大理州医院设备", Code = "DLZC2025-GK-0047", Category = "procurement", Region = "532900", City = "大理白族自治州",
            Name = "大理白族自治州人民医院医用直线加速器采购项目",
            Owner = Owner("采购人", "532900", "大理白族自治州人民医院", agency: false),
            Agency = Company("采购代理机构", "532901", "大理苍洱招标代理有限公司"),
            Bidders = Companies("供应商", "530100", "云南医药工业销售有限公司", "国药控股云南有限公司", "云南康美医疗器械有限公司"),
            Dates = ("2025-04-07", "2025-04-28", "2025-05-09", "2025-09-30"), Amount = 26_380_000.00m,
            Flags = new Dictionary<string, bool> { ["centreRanOpening"] = true },
            ExtraRoles = ["clarifications"],
        },
        new()
        {
            Folder = "04-土地-大理下关地块", Code = "T5329012025000008", Category = "land", Region = "532901", City = "大理市",
            Name = "大理市下关镇 DL2025-08 号地块国有建设用地使用权挂牌出让",
            Owner = Owner("出让人", "532901", "大理市自然资源局", agency: true),
            Bidders = Companies("竞买人", "532901", "大理苍山置业有限公司", "云南洱海房地产开发有限公司"),
            Dates = ("2025-02-10", "2025-03-12", "2025-03-14", "2025-04-30"), Amount = 152_400_000.00m,
            // A hall auction with its electronic bidding captured from the desktop: both recordings, with their metadata.
            Flags = new Dictionary<string, bool> { ["onSiteAuction"] = true, ["electronicAuction"] = true },
            ExtraRoles = ["payment-receipts"],
        },
        new()
        {
            Folder = "05-矿权-会泽石料矿", Code = "K5303262025000003", Category = "mining", Region = "530326", City = "曲靖市会泽县",
            Name = "会泽县者海镇建筑用石料矿采矿权挂牌出让",
            Owner = Owner("出让人", "530326", "会泽县自然资源局", agency: true),
            Bidders = Companies("竞买人", "530300", "曲靖市宏达建材有限公司", "会泽县金钟矿业开发有限公司"),
            Dates = ("2025-06-02", "2025-07-03", "2025-07-07", "2025-08-15"), Amount = 18_960_000.00m,
        },
        new()
        {
            Folder = "06-国资-昆明办公楼", Code = "G5301002025000015", Category = "state-assets", Region = "530100", City = "昆明市",
            Name = "昆明市属国有企业闲置办公楼整体转让",
            Owner = Company("转让方", "530100", "昆明市城市交通投资建设集团有限公司"),
            Bidders = Companies("意向受让方", "530100", "云南滇池文旅发展有限公司", "昆明金鼎科技园开发有限公司"),
            Dates = ("2025-03-17", "2025-04-21", "2025-04-23", "2025-06-10"), Amount = 67_350_000.00m,
            Flags = new Dictionary<string, bool> { ["hasPreDisclosure"] = true },
        },
        new()
        {
            Folder = "07-其他-西山湖滨经营权", Code = "Z5301122025000006", Category = "other", Region = "530112", City = "昆明市西山区",
            Name = "昆明市西山区滇池湖滨生态公园游船经营权公开招租",
            Owner = Owner("出租人", "530112", "昆明市西山区滇池湖滨生态管理所", agency: false),
            Bidders = Companies("竞租人", "530100", "昆明滇池游船旅游服务有限公司", "云南七彩文旅运营有限公司"),
            Dates = ("2025-05-06", "2025-05-27", "2025-05-29", "2025-06-30"), Amount = 3_150_000.00m,
            Flags = new Dictionary<string, bool> { ["centreRanOpening"] = true },
        },
    ];

    /// <summary>The roles the supplement adds to <see cref="SupplementedFolder"/> (a late 异议答复 and 异常情况报告).</summary>
    public static IReadOnlyList<string> SupplementRoles { get; } = ["objections-replies", "abnormal-situation-report"];

    private static DemoParty Owner(string role, string region, string name, bool agency) =>
        new(role, name, DemoCreditCodes.Institution(region, name, agency));

    private static DemoParty Company(string role, string region, string name) => new(role, name, DemoCreditCodes.Company(region, name));

    private static IReadOnlyList<DemoParty> Companies(string role, string region, params string[] names) =>
        names.Select(n => Company(role, region, n)).ToList();
}
