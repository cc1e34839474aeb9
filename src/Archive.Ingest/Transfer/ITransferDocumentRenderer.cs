namespace Archive.Ingest.Transfer;

/// <summary>Renders a transfer's PDFs (the host's PDF library and CJK font live outside this assembly).</summary>
public interface ITransferDocumentRenderer
{
    /// <summary>The 移交清单 (list of what is transferred) as PDF.</summary>
    /// <param name="plan">The transfer.</param>
    byte[] RenderList(TransferPlan plan);

    /// <summary>The 交接文据 (handover form, to be signed by both archives) as PDF.</summary>
    /// <param name="plan">The transfer.</param>
    byte[] RenderHandover(TransferPlan plan);
}
