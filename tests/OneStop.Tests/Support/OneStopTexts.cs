using PublicServices.Testing;
using Texts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.OneStop.Tests.Support;

/// <summary>The one-stop module's texts as a person reads them, through the localizer a host injects.</summary>
public static class OneStopTexts
{
    public static string Vietnamese(string key, params object[] arguments) => In("vi", key, arguments);

    public static string English(string key, params object[] arguments) => In("en", key, arguments);

    static string In(string culture, string key, object[] arguments)
    {
        using var _ = Localizers.Culture(culture);
        var text = Localizers.For<Texts>()[key, arguments];
        Assert.False(text.ResourceNotFound, $"no text '{key}'");
        return text.Value;
    }
}
