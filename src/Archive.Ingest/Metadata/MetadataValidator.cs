using Archive.Ingest.Policies;
using Archive.Ingest.Reporting;
using NodaTime;

namespace Archive.Ingest.Metadata;

/// <summary>
/// Validates submission metadata and reports every problem at once (一次性告知): category known, required fields
/// present, lengths, identifiers (项目编号, 行政区划代码, 统一社会信用代码, 身份证号), and coherent dates
/// (announcement ≤ opening ≤ award ≤ completion, none far in the future).
/// </summary>
public sealed class MetadataValidator
{
    /// <summary>The longest project name accepted, in characters.</summary>
    public const int MaxProjectNameLength = 200;

    /// <summary>The longest party name accepted, in characters.</summary>
    public const int MaxPartyNameLength = 100;

    /// <summary>The longest party role accepted, in characters.</summary>
    public const int MaxPartyRoleLength = 50;

    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    private readonly PolicyCatalog catalog;
    private readonly IClock clock;
    private readonly Period futureTolerance;

    /// <summary>Creates a validator.</summary>
    /// <param name="catalog">The retention policies (the known categories).</param>
    /// <param name="clock">The clock that says what "today" is (Asia/Shanghai).</param>
    /// <param name="futureTolerance">How far after today a date may lie; default 30 days.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="clock"/> is null.</exception>
    public MetadataValidator(PolicyCatalog catalog, IClock clock, Period? futureTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clock);
        this.catalog = catalog;
        this.clock = clock;
        this.futureTolerance = futureTolerance ?? Period.FromDays(30);
    }

    /// <summary>Every problem of <paramref name="metadata"/>, in field order; empty when valid.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <exception cref="ArgumentNullException"><paramref name="metadata"/> is null.</exception>
    public IReadOnlyList<MetadataProblem> Validate(SubmissionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var problems = new List<MetadataProblem>();
        var today = clock.GetCurrentInstant().InZone(Shanghai).Date;

        Add(problems, "project.code", ProjectCode.Validate(metadata.ProjectCode));
        CheckText(problems, "project.name", "project-name", "项目名称", metadata.ProjectName, MaxProjectNameLength);
        CheckCategory(problems, metadata.Category);
        Add(problems, "region", RegionCode.Validate(metadata.Region));
        CheckParties(problems, metadata.Parties ?? [], today);
        CheckDates(problems, metadata.Dates ?? new ProjectDates(), today);
        return problems;
    }

    private void CheckCategory(List<MetadataProblem> problems, string? category)
    {
        if (string.IsNullOrEmpty(category))
        {
            problems.Add(new("category.empty", "project.category", "交易类别不能为空。"));
        }
        else if (!catalog.TryGet(category, out _))
        {
            problems.Add(new("category.unknown", "project.category",
                $"未知的交易类别“{category}”，可用：{string.Join("、", TradingCategories.All)}。"));
        }
    }

    private static void CheckParties(List<MetadataProblem> problems, IReadOnlyList<SubmissionParty> parties, LocalDate today)
    {
        if (parties.Count == 0)
        {
            problems.Add(new("parties.empty", "parties", "至少应有一个交易主体（如招标人、采购人或出让人）。"));
        }

        for (var i = 0; i < parties.Count; i++)
        {
            var party = parties[i];
            var path = $"parties[{i}]";
            CheckText(problems, path + ".role", "party-role", "交易主体角色", party.Role, MaxPartyRoleLength);
            CheckText(problems, path + ".name", "party-name", "交易主体名称", party.Name, MaxPartyNameLength);
            var hasCode = !string.IsNullOrEmpty(party.CreditCode);
            var hasId = !string.IsNullOrEmpty(party.IdNumber);
            if (!hasCode && !hasId)
            {
                problems.Add(new("party.identifier.missing", path,
                    "交易主体应提供统一社会信用代码（单位）或身份证号码（个人）。"));
            }
            else if (hasCode && hasId)
            {
                problems.Add(new("party.identifier.ambiguous", path,
                    "交易主体只能提供统一社会信用代码或身份证号码之一。"));
            }

            if (hasCode)
            {
                Add(problems, path + ".creditCode", UnifiedSocialCreditCode.Validate(party.CreditCode));
            }

            if (hasId)
            {
                Add(problems, path + ".idNumber", ResidentIdentityNumber.Validate(party.IdNumber, today));
            }
        }
    }

    private void CheckDates(List<MetadataProblem> problems, ProjectDates dates, LocalDate today)
    {
        var ordered = new (string Field, string Name, LocalDate? Date)[]
        {
            ("dates.announcement", "公告日期", dates.Announcement),
            ("dates.opening", "开标日期", dates.Opening),
            ("dates.award", "中标/成交日期", dates.Award),
            ("dates.completion", "完成日期", dates.Completion),
        };
        var latestAllowed = today.Plus(futureTolerance);
        (string Field, string Name, LocalDate? Date)? previous = null;
        foreach (var current in ordered.Where(d => d.Date is not null))
        {
            if (previous is { } p && current.Date < p.Date)
            {
                problems.Add(new("dates.order", current.Field,
                    $"{current.Name}（{current.Date:yyyy-MM-dd}）早于{p.Name}（{p.Date:yyyy-MM-dd}）。"));
            }

            if (current.Date > latestAllowed)
            {
                problems.Add(new("dates.future", current.Field,
                    $"{current.Name}（{current.Date:yyyy-MM-dd}）晚于今天太多（今天为 {today:yyyy-MM-dd}）。"));
            }

            previous = current;
        }
    }

    private static void CheckText(
        List<MetadataProblem> problems, string field, string code, string name, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(code + ".empty", field, $"{name}不能为空。"));
        }
        else if (value.Length > maxLength)
        {
            problems.Add(new(code + ".length", field, $"{name}最长 {maxLength} 个字符，实际为 {value.Length} 个。"));
        }
        else if (value.Any(char.IsControl))
        {
            problems.Add(new(code + ".character", field, $"{name}不能含有控制字符或换行。"));
        }
    }

    private static void Add(List<MetadataProblem> problems, string field, IdentifierError? error)
    {
        if (error is not null)
        {
            problems.Add(new(error.Code, field, error.Message));
        }
    }
}
