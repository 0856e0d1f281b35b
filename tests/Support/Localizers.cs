using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PublicServices.Testing;

/// <summary>Resource-backed localizers for unit tests of code that takes an <see cref="IStringLocalizer{T}"/>, as DI gives them.</summary>
public static class Localizers
{
    static readonly ResourceManagerStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static IStringLocalizer<T> For<T>() => new StringLocalizer<T>(Factory);

    /// <summary>Sets the UI culture ("vi" or "en") until disposed, as request localization does for a request.</summary>
    public static IDisposable Culture(string name)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        return new Restore(before);
    }

    sealed class Restore(CultureInfo before) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = before;
    }
}
