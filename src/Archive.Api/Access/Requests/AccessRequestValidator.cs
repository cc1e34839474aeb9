using System.Globalization;
using System.Text;
using System.Text.Json;
using Archive.Core.Errors;

namespace Archive.Api.Access.Requests;

/// <summary>
/// Checks the body of <c>POST /api/v1/access-requests</c> and reports every problem at once (一次性告知),
/// each with a stable code, a Chinese message and the field.
/// </summary>
public static class AccessRequestValidator
{
    /// <summary>The longest purpose, in characters.</summary>
    public const int MaxPurposeLength = 2000;

    /// <summary>The longest project code accepted, in characters.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>Parses and checks a body.</summary>
    /// <param name="body">The JSON body, or null when there was none.</param>
    /// <param name="settings">Limits.</param>
    /// <returns>The checked input.</returns>
    /// <exception cref="AccessWorkflowException">400 listing every problem.</exception>
    public static AccessRequestInput Parse(JsonElement? body, AccessSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            throw new AccessWorkflowException(ErrorKind.Invalid, "access.body", "请求体应为 JSON 对象。");
        }

        var problems = new List<ArchiveProblem>();
        void Add(string code, string message, string field) => problems.Add(new ArchiveProblem(code, field, message));

        var projects = new List<string>();
        if (!root.TryGetProperty("projects", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            Add("access.projects-required", "须列出至少一个项目编号（projects）。", "projects");
        }
        else if (list.GetArrayLength() > settings.MaxProjects)
        {
            Add("access.projects-too-many", $"一次申请最多 {settings.MaxProjects} 个项目，请分批申请。", "projects");
        }
        else
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var field = string.Create(CultureInfo.InvariantCulture, $"projects[{i++}]");
                var code = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().Normalize(NormalizationForm.FormC) : null;
                if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength || code.Any(char.IsControl))
                {
                    Add("access.project-code", "项目编号应为非空字符串（最长 64 个字符，不含控制字符）。", field);
                }
                else if (projects.Contains(code, StringComparer.Ordinal))
                {
                    Add("access.project-duplicate", $"项目编号“{code}”重复。", field);
                }
                else
                {
                    projects.Add(code);
                }
            }
        }

        var scopeText = root.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (!ScopeNames.TryParse(scopeText, out var scope))
        {
            Add("access.scope", "scope 应为 read（查阅）或 copy（复制）。", "scope");
        }

        var purpose = Text(root, "purpose", allowLineBreaks: true);
        if (purpose is null)
        {
            Add("access.purpose-required", "须说明查阅/复制用途（purpose）。", "purpose");
        }
        else if (purpose.Length > MaxPurposeLength)
        {
            Add("access.purpose-length", $"用途说明最长 {MaxPurposeLength} 个字符。", "purpose");
        }

        string? number = null, issuer = null;
        if (!root.TryGetProperty("legalBasis", out var basis) || basis.ValueKind != JsonValueKind.Object)
        {
            Add("access.legal-basis-required", "须提供法律依据（legalBasis）：文书编号 documentNumber 与发文机关 issuer。", "legalBasis");
        }
        else
        {
            number = Text(basis, "documentNumber", allowLineBreaks: false);
            issuer = Text(basis, "issuer", allowLineBreaks: false);
            if (number is null || number.Length > 100)
            {
                Add("access.legal-basis-number", "须填写法律文书编号（文号，最长 100 个字符）。", "legalBasis.documentNumber");
            }

            if (issuer is null || issuer.Length > 200)
            {
                Add("access.legal-basis-issuer", "须填写发文机关（最长 200 个字符）。", "legalBasis.issuer");
            }
        }

        var days = 0;
        if (!root.TryGetProperty("days", out var d) || d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out days))
        {
            Add("access.days", "days 应为整数天数。", "days");
        }
        else if (days < 1)
        {
            Add("access.days-past", "授权期限至少 1 天：期限不能为零或已过去。", "days");
        }
        else if (days > settings.MaxDays)
        {
            Add("access.days-too-long", $"授权期限最长 {settings.MaxDays} 天。", "days");
        }

        var include = false;
        if (root.TryGetProperty("includePersonalData", out var p) && p.ValueKind != JsonValueKind.Null)
        {
            if (p.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                include = p.GetBoolean();
            }
            else
            {
                Add("access.include-personal-data", "includePersonalData 应为 true 或 false。", "includePersonalData");
            }
        }

        if (problems.Count > 0)
        {
            var first = problems[0];
            throw new AccessWorkflowException(ErrorKind.Invalid, first.Code,
                problems.Count == 1 ? first.Message : $"申请有 {problems.Count} 处问题：{string.Join("；", problems.Select(x => x.Message))}",
                first.Field, problems);
        }

        return new AccessRequestInput(projects, scope, purpose!, new LegalBasis(number!, issuer!), days, include);
    }

    private static string? Text(JsonElement obj, string name, bool allowLineBreaks)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!.Trim().Normalize(NormalizationForm.FormC);
        var bad = text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));
        return text.Length == 0 || bad ? null : text;
    }
}
