namespace Archive.Ingest.Retention;

/// <summary>Renders the 销毁清册 as a PDF (Chinese); the host provides it (PDF rendering lives there).</summary>
public interface IDisposalRegisterRenderer
{
    /// <summary>Renders the register; the same register gives the same bytes.</summary>
    /// <param name="register">What to list.</param>
    /// <returns>The PDF bytes.</returns>
    byte[] Render(DisposalRegister register);
}
