namespace Archive.Api.Console;

/// <summary>One screen of the console's navigation.</summary>
/// <param name="Title">The Chinese title shown in the menu.</param>
/// <param name="Path">Its address.</param>
/// <param name="Roles">The roles that may open it.</param>
public sealed record ConsoleScreen(string Title, string Path, IReadOnlyList<string> Roles);
