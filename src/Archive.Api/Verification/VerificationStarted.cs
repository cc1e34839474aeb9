namespace Archive.Api.Verification;

/// <summary>The answer to a started run: <c>{"id"}</c>.</summary>
/// <param name="Id">The run's id.</param>
public sealed record VerificationStarted(Guid Id);
