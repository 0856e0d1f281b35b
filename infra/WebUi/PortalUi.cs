using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;

namespace PublicServices.WebUi;

/// <summary>What a service that renders the portal's pages registers besides Razor Pages.</summary>
public static class PortalUi
{
    /// <summary>
    /// Razor still encodes every value, but letters of every script stay letters: by default only Basic Latin does,
    /// and each Vietnamese letter would become an entity (larger pages, unreadable source).
    /// </summary>
    public static IServiceCollection AddPortalUi(this IServiceCollection services) =>
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
}
