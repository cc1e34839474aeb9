namespace Archive.Bench;

/// <summary>
/// One row of the table: what was measured, the limit it is held against (measured in the same run, or a fixed
/// bound), their ratio, the goal the ratio (or the value) must meet, and whether it did.
/// </summary>
/// <param name="Name">What is measured.</param>
/// <param name="Measured">The system's figure.</param>
/// <param name="Unit">Unit of <paramref name="Measured"/> and <paramref name="Limit"/>.</param>
/// <param name="Limit">The machine's limit measured in the same run, or the goal's bound; null when there is none.</param>
/// <param name="LimitName">What the limit is.</param>
/// <param name="Ratio">How the figure compares with the limit (as the goal states it), or null.</param>
/// <param name="Goal">The goal, as text.</param>
/// <param name="Pass">Whether the goal is met; null when it cannot be judged (e.g. the limit could not be measured).</param>
/// <param name="Note">What else the reader must know (sizes, what bounds it).</param>
internal sealed record Figure(
    string Name, double Measured, string Unit, double? Limit, string LimitName, double? Ratio, string Goal, bool? Pass, string Note = "");
