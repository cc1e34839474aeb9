namespace Archive.Api.Console;

/// <summary>Where a console session's sign-in stands.</summary>
public enum ConsoleStage
{
    /// <summary>The password was right but is an initial one that must be changed first.</summary>
    Password,

    /// <summary>The password was right; the TOTP code is awaited.</summary>
    Totp,

    /// <summary>Signed in.</summary>
    Active,
}
