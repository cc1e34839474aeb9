namespace Archive.Ingest.Metadata;

/// <summary>
/// A personal identifier (身份证号 and the like) that cannot leak by accident: <see cref="ToString"/> and every
/// formatting path give the masked form (e.g. <c>5301**********123X</c>); only <see cref="Reveal"/> gives the value.
/// </summary>
public readonly struct PersonalIdentifier : IEquatable<PersonalIdentifier>
{
    private readonly string? value;

    /// <summary>Wraps a raw identifier.</summary>
    /// <param name="value">The raw value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public PersonalIdentifier(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.value = value;
    }

    /// <summary>The masked form, safe for logs and for console users who do not need the value.</summary>
    public string Masked => Mask(value ?? string.Empty);

    /// <summary>The raw value. Only for storage and for roles entitled to see it; never log it.</summary>
    public string Reveal() => value ?? string.Empty;

    /// <summary>
    /// Masks all but the first 4 and last 4 characters with <c>*</c> (18 characters → <c>5301**********123X</c>);
    /// values of 8 characters or fewer are masked completely.
    /// </summary>
    /// <param name="raw">The raw value.</param>
    public static string Mask(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return raw.Length <= 8
            ? new string('*', raw.Length)
            : string.Concat(raw.AsSpan(0, 4), new string('*', raw.Length - 8), raw.AsSpan(raw.Length - 4));
    }

    /// <summary>The masked form; never the raw value.</summary>
    public override string ToString() => Masked;

    /// <inheritdoc />
    public bool Equals(PersonalIdentifier other) => string.Equals(value, other.value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PersonalIdentifier other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value ?? string.Empty);

    /// <summary>Equality of the raw values.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator ==(PersonalIdentifier left, PersonalIdentifier right) => left.Equals(right);

    /// <summary>Inequality of the raw values.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    public static bool operator !=(PersonalIdentifier left, PersonalIdentifier right) => !left.Equals(right);
}
