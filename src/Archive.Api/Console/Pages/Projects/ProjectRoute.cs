namespace Archive.Api.Console.Pages.Projects;

/// <summary>Route values of the project screens, read as the API reads them.</summary>
public static class ProjectRoute
{
    /// <summary>The code from its route value: the host decodes every escape but <c>%2F</c>, which a code may hold as <c>/</c>.</summary>
    /// <param name="routeValue">The route value.</param>
    public static string CodeOf(string routeValue)
    {
        ArgumentNullException.ThrowIfNull(routeValue);
        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Normalize(System.Text.NormalizationForm.FormC);
    }

    /// <summary>A byte count for people: 字节, KiB, MiB, GiB.</summary>
    /// <param name="bytes">The size.</param>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} 字节",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / 1024.0 / 1024:0.0} MiB",
        _ => $"{bytes / 1024.0 / 1024 / 1024:0.00} GiB",
    };
}
