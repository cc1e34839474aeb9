using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Reports;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Api.Tests.Catalogue;

/// <summary>
/// One host with three sealed projects whose parties, agencies, regions and PDF texts differ, for the catalogue search
/// tests: <see cref="Wuhua"/> (昆明市五华区, with an agency), <see cref="Dali"/> (大理市, with an agency),
/// <see cref="Xishan"/> (another 昆明 district project sharing <see cref="OwnerCode"/> with <see cref="Wuhua"/>, no agency).
/// </summary>
public sealed class CatalogueSearchFixture : IAsyncLifetime
{
    public const string WuhuaNotice = "昆明市五华区普吉路道路提升改造工程已于二〇二五年四月八日确定中标人。联系电话 13912345678。";

    public ArchiveApiFactory Factory { get; private set; } = null!;

    public HttpClient Archivist { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    /// <summary>A prefix of every code this fixture creates (unique per run).</summary>
    public string Prefix { get; } = "S530102" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Wuhua => Prefix + "0000001";

    public string Dali => Prefix + "0000002";

    public string Xishan => Prefix + "0000003";

    /// <summary>The credit code of the owner of <see cref="Wuhua"/> and <see cref="Xishan"/>.</summary>
    public string OwnerCode { get; } = CreditCode("530102", "1");

    public string DaliOwnerCode { get; } = CreditCode("532901", "2");

    public async Task InitializeAsync()
    {
        Factory = await ArchiveApiFactory.CreateAsync();
        var admin = Factory.ClientWith(Factory.AdminToken);
        Archivist = Factory.ClientWith((await admin.CreatePrincipalAsync("档案员丙", "archivist", "云南省公共资源交易中心")).Token);
        Auditor = Factory.ClientWith((await admin.CreatePrincipalAsync("审计员丁", "auditor", "云南省审计厅")).Token);
        var ingest = Factory.ClientWith((await admin.CreatePrincipalAsync("省级电子交易系统", "ingest", "云南省公共资源交易中心", codePrefixes: ["S53"])).Token);

        var submissions = new[]
        {
            await SealAsync(ingest, Wuhua, "五华区普吉路道路提升改造工程（检索测试）", "530102",
                [Party("招标人", "昆明市五华区城市更新建设管理中心", OwnerCode), Party("招标代理机构", "云南滇信工程咨询有限公司", CreditCode("530100", "3"))],
                WuhuaNotice, "评标委员会由五名专家组成，推荐第一中标候选人。"),
            await SealAsync(ingest, Dali, "大理州医疗设备采购项目（检索测试）", "532901",
                [Party("采购人", "大理白族自治州人民医院", DaliOwnerCode), Party("采购代理机构", "大理苍洱招标代理有限公司", CreditCode("532901", "4"))],
                "大理白族自治州人民医院医疗设备采购项目公开招标公告，预算金额八百万元。", "采购文件：技术参数与评分办法。"),
            await SealAsync(ingest, Xishan, "西山区国有资产出租项目（检索测试）", "530112",
                [Party("出租人", "昆明市五华区城市更新建设管理中心", OwnerCode)],
                "昆明市西山区滇池湖滨门面房出租公告。", "出租文件：租期三年。"),
        };
        foreach (var id in submissions)
        {
            await ingest.WaitForArchivedAsync(id);
        }
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();

    /// <summary>Searches as <paramref name="client"/> and returns the page; asserts 200.</summary>
    public async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/projects?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Waits until the full-text job (a continuation of each seal, not called by the test) has recorded all nine PDF
    /// items of the three projects.
    /// </summary>
    public async Task WaitForFullTextAsync()
    {
        var db = Factory.Services.GetRequiredService<NpgsqlDataSource>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await using var count = db.CreateCommand("SELECT count(*) FROM ingest.item_texts WHERE project_code = ANY($1)");
            count.Parameters.Add(new() { Value = new[] { Wuhua, Dali, Xishan } });
            if ((long)(await count.ExecuteScalarAsync())! >= 9)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("the full text of the sealed PDFs was not recorded within 90 s");
    }

    /// <summary>A valid 统一社会信用代码 (GB 32100) for a company registered in <paramref name="region"/>.</summary>
    public static string CreditCode(string region, string seed)
    {
        var organization = ("7" + seed + "123456")[..8];
        var first17 = "91" + region + organization + UnifiedSocialCreditCode.ComputeOrganizationCheckCharacter(organization);
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>A party object of the submission metadata.</summary>
    public static JsonObject Party(string role, string name, string creditCode) =>
        new() { ["role"] = role, ["name"] = name, ["creditCode"] = creditCode };

    /// <summary>Opens, fills (the sample items, the two PDFs with Chinese text, any <paramref name="extra"/> items) and seals a project; returns the submission.</summary>
    public static async Task<Guid> SealAsync(
        HttpClient ingest, string code, string name, string region, JsonObject[] parties, string notice, string documents,
        params (string Path, string Role, string MediaType, byte[] Bytes)[] extra)
    {
        var metadata = new JsonObject
        {
            ["project"] = new JsonObject { ["code"] = code, ["name"] = name, ["category"] = "other", ["region"] = region },
            ["parties"] = new JsonArray(parties),
            ["dates"] = new JsonObject { ["announcement"] = "2026-01-05", ["opening"] = "2026-02-01", ["award"] = "2026-02-10", ["completion"] = "2026-03-01" },
            ["flags"] = new JsonObject(),
        };
        var response = await ingest.PostAsync("/api/v1/submissions", new StringContent(metadata.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (path, role, type, bytes) in SampleProject.RequiredItems().Concat(extra))
        {
            var content = path switch
            {
                "公告/交易公告.pdf" => ChineseTextPdf.Render(new PdfTextDocument("交易公告", [notice])),
                "文件/交易文件.pdf" => ChineseTextPdf.Render(new PdfTextDocument("交易文件", [documents])),
                _ => bytes,
            };
            Assert.Equal(HttpStatusCode.Created, (await ingest.PutItemAsync(id, path, role, type, content)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync($"/api/v1/submissions/{id}/seal", null)).StatusCode);
        return id;
    }
}
