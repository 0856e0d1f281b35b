using System.Globalization;
using System.Resources;

namespace PublicServices.Contracts.Resources;

/// <summary>
/// The contracts' texts for people (Messages.resx in Vietnamese, Messages.en.resx in English): the status labels.
/// Read through <c>IStringLocalizer&lt;Messages&gt;</c> in the request's language, or both at once with <see cref="Both"/>.
/// </summary>
public sealed class Messages
{
    static readonly ResourceManager Resources = new(typeof(Messages));

    /// <summary>A text in Vietnamese and in English, for answers that carry both (the same body serves every language).</summary>
    public static (string Vi, string En) Both(string key) =>
        (Resources.GetString(key, CultureInfo.GetCultureInfo("vi")) ?? key, Resources.GetString(key, CultureInfo.GetCultureInfo("en")) ?? key);
}
