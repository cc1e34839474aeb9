namespace Archive.Ingest.Transfer;

/// <summary>The state archive (档案馆) that receives a transfer.</summary>
/// <param name="Name">Its name, e.g. 云南省档案馆.</param>
/// <param name="Code">Its code (档案馆代码), if given.</param>
public sealed record TransferRecipient(string Name, string? Code);
