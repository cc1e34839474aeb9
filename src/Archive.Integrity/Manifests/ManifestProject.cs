using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;

namespace Archive.Integrity.Manifests;

/// <summary>
/// The project (交易项目) a manifest describes: code, name, trading category, and any further
/// metadata (region, parties, dates …) as extra JSON members written beside them.
/// </summary>
public sealed record ManifestProject
{
    private static readonly HashSet<string> Reserved = ["code", "name", "category"];
    private readonly JsonObject _extra;

    /// <summary>Creates a project description.</summary>
    /// <param name="code">The project code (项目编号); legacy free-form codes are accepted.</param>
    /// <param name="name">The project name.</param>
    /// <param name="category">The trading category slug, e.g. <c>engineering</c>, <c>procurement</c>.</param>
    /// <param name="extra">Further members (e.g. <c>region</c>, <c>parties</c>); copied. Must not repeat code, name or category.</param>
    /// <exception cref="ArgumentException">A field is invalid, or an extra member is reserved or cannot be canonicalized.</exception>
    public ManifestProject(string code, string name, string category, JsonObject? extra = null)
    {
        Code = ManifestRules.Text(code, nameof(code));
        Name = ManifestRules.Text(name, nameof(name));
        Category = ManifestRules.IsSlug(category) ? category : throw new ArgumentException("The category is a lower-case slug.", nameof(category));
        _extra = extra is null ? [] : (JsonObject)extra.DeepClone();
        foreach (var (key, _) in _extra)
        {
            if (Reserved.Contains(key) || !ManifestRules.IsText(key))
            {
                throw new ArgumentException($"\"{key}\" cannot be an extra project member.", nameof(extra));
            }
        }

        try
        {
            _ = CanonicalJson.Serialize(_extra);
        }
        catch (CanonicalJsonException ex)
        {
            throw new ArgumentException("The extra project members cannot be canonicalized.", nameof(extra), ex);
        }
    }

    /// <summary>The project code.</summary>
    public string Code { get; }

    /// <summary>The project name.</summary>
    public string Name { get; }

    /// <summary>The trading category slug.</summary>
    public string Category { get; }

    /// <summary>A copy of the extra members.</summary>
    public JsonObject Extra => (JsonObject)_extra.DeepClone();

    /// <inheritdoc/>
    public bool Equals(ManifestProject? other) =>
        other is not null && CanonicalJson.Serialize(ToJson()).AsSpan().SequenceEqual(CanonicalJson.Serialize(other.ToJson()));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Code, Name, Category);

    internal JsonObject ToJson()
    {
        var json = (JsonObject)_extra.DeepClone();
        json["code"] = Code;
        json["name"] = Name;
        json["category"] = Category;
        return json;
    }
}
