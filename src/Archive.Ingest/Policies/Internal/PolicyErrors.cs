using YamlDotNet.RepresentationModel;

namespace Archive.Ingest.Policies.Internal;

/// <summary>Builds <see cref="PolicyFileException"/>s for one file, positioned at a YAML node.</summary>
internal sealed class PolicyErrors(string filePath)
{
    public string FilePath { get; } = filePath;

    public PolicyFileException At(YamlNode node, string zh, string en) =>
        new(FilePath, node.Start.Line, node.Start.Column, zh, en);

    public PolicyFileException File(string zh, string en) => new(FilePath, 0, 0, zh, en);
}
