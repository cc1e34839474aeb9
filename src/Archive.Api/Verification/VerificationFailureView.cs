namespace Archive.Api.Verification;

/// <summary>One failed object of a run: <c>{"project","version","copy","path","kind","repaired"}</c>, plus whether it is lost and its ledger entry.</summary>
public sealed record VerificationFailureView(string Project, int Version, string Copy, string Path, string Kind, bool Repaired, bool Lost, long? LedgerIndex);
