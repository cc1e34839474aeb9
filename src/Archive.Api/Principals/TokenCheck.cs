namespace Archive.Api.Principals;

/// <summary>The outcome of looking a bearer token up.</summary>
/// <param name="State">What the token is.</param>
/// <param name="Principal">Its principal when <paramref name="State"/> is <see cref="TokenState.Current"/> or <see cref="TokenState.Previous"/>.</param>
public sealed record TokenCheck(TokenState State, Principal? Principal)
{
    /// <summary>A token nobody holds.</summary>
    public static TokenCheck Unknown { get; } = new(TokenState.Unknown, null);
}
