using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Archive.Api.Console.Pages.Access;

/// <summary>The 查阅/复制申请 form as posted; turned into the API's JSON body so the same validator checks it.</summary>
public sealed class FilingForm
{
    /// <summary>Project codes, one per line (or separated by commas, 、 or spaces).</summary>
    public string? Projects { get; set; }

    /// <summary><c>read</c> or <c>copy</c>.</summary>
    public string? Scope { get; set; } = "read";

    /// <summary>用途.</summary>
    public string? Purpose { get; set; }

    /// <summary>法律文书文号.</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>发文机关.</summary>
    public string? Issuer { get; set; }

    /// <summary>期限（天）, as typed.</summary>
    public string? Days { get; set; } = "30";

    /// <summary>Whether personal identifiers are asked for unmasked.</summary>
    public bool IncludePersonalData { get; set; }

    /// <summary>The body of <c>POST /api/v1/access-requests</c> this form stands for (a non-number stays text, for the validator to name).</summary>
    public JsonElement ToJson()
    {
        var codes = new JsonArray();
        foreach (var code in (Projects ?? string.Empty).Split([',', '，', '、', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            codes.Add(code);
        }

        var body = new JsonObject
        {
            ["projects"] = codes,
            ["scope"] = Scope,
            ["purpose"] = Purpose,
            ["legalBasis"] = new JsonObject { ["documentNumber"] = DocumentNumber, ["issuer"] = Issuer },
            ["days"] = int.TryParse(Days, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : Days,
            ["includePersonalData"] = IncludePersonalData,
        };
        return JsonSerializer.SerializeToElement(body);
    }
}
