using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// The address people reach the system at: Auth:Issuer, the gateway's public address. When it is https, TLS ends
/// somewhere before us (a load balancer, or the gateway itself), so cookies are Secure and the gateway sends HSTS
/// whatever scheme a request arrived with here; only a plain-http address (a local demo) leaves them to the request.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "Auth:Issuer";

    public static bool IsHttps(IConfiguration configuration) =>
        Uri.TryCreate(configuration[Setting], UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps;

    /// <summary>Every cookie this service writes gets Secure when the public address is https.</summary>
    public static WebApplication UseSecureCookiesForPublicAddress(this WebApplication app)
    {
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            Secure = IsHttps(app.Configuration) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest,
        });
        return app;
    }
}
