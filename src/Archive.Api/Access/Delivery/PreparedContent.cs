namespace Archive.Api.Access.Delivery;

/// <summary>Content transformed for an auditor, ready to deliver: the bytes, their digest and what was done.</summary>
/// <param name="Bytes">The bytes to deliver.</param>
/// <param name="Sha256">Their SHA-256, lower-case hex, computed before the ledger entry is written.</param>
/// <param name="Transform"><c>watermark</c> or <c>mask-personal-data</c>.</param>
/// <param name="Object">The ledger's <c>object</c> value: <c>item-watermarked</c> or <c>item-masked</c>.</param>
public sealed record PreparedContent(byte[] Bytes, string Sha256, string Transform, string Object);
