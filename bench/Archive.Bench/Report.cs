using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Archive.Bench;

/// <summary>Prints the figures as one table and writes them as JSON.</summary>
internal static class Report
{
    public static string Table(IReadOnlyList<Figure> figures)
    {
        var rows = figures.Select(f => new[]
        {
            f.Name, Number(f.Measured) + " " + f.Unit, f.Limit is { } l ? $"{Number(l)} {f.Unit} ({f.LimitName})" : f.LimitName,
            f.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "×" : "—", f.Goal,
            f.Pass switch { true => "pass", false => "FAIL", null => "n/a" }, f.Note,
        }).Prepend(["figure", "measured", "limit", "ratio", "goal", "result", "note"]).ToList();
        var text = new StringBuilder();
        text.AppendLine(Row(rows[0]));
        text.AppendLine(Row(rows[0].Select(_ => "---").ToArray()));
        foreach (var row in rows.Skip(1))
        {
            text.AppendLine(Row(row));
        }
        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<Figure> figures, IReadOnlyDictionary<string, string> machine)
    {
        var document = new
        {
            measuredAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            machine,
            figures = figures.Select(f => new
            {
                name = f.Name, measured = f.Measured, unit = f.Unit, limit = f.Limit, limitName = f.LimitName, ratio = f.Ratio,
                goal = f.Goal, pass = f.Pass, note = f.Note,
            }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Row(string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Number(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };
}
