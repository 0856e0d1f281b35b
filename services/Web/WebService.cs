using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using PublicServices.ServiceDefaults;
using PublicServices.Web.Apis;
using PublicServices.Web.Clients;
using PublicServices.Web.Data;
using PublicServices.Web.Sessions;
using PublicServices.WebUi;

namespace PublicServices.Web;

/// <summary>
/// The browser front end (backend-for-frontend): server-rendered Razor Pages for citizens and officers, login through
/// the identity service with the person's tokens kept in server-side sessions, and the services' APIs called on their
/// behalf. Razor Pages rather than Blazor: every page is a plain GET and a form POST with model binding and antiforgery,
/// so the whole journey works without JavaScript, with no circuit to keep per person and small pages.
/// </summary>
public static class WebService
{
    public const string OfficerPolicy = "officer";
    public const string ApplicantPolicy = "applicant";

    public static WebApplicationBuilder AddWebService(this WebApplicationBuilder builder)
    {
        builder.RequireSecrets($"{WebOptions.Section}:{nameof(WebOptions.ClientSecret)}");
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section))
            .Validate(o => !string.IsNullOrEmpty(o.ClientSecret), "Web:ClientSecret (the web client's secret at the identity service) is required")
            .Validate(o => o.PaymentPageOrigin.Length == 0 || (Uri.TryCreate(o.PaymentPageOrigin, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"
                && u.GetLeftPart(UriPartial.Authority) == o.PaymentPageOrigin), "Web:PaymentPageOrigin must be an origin such as https://pay.vnpay.vn (no path)")
            .ValidateOnStart();
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth"))
            .Validate(o => Uri.TryCreate(o.Issuer, UriKind.Absolute, out _) && o.Issuer.EndsWith('/'),
                "Auth:Issuer must be the gateway's public address ending with '/' (e.g. http://localhost:8080/)")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        // The stylesheet and script come from the shared UI library's static web assets, in every environment.
        builder.WebHost.UseStaticWebAssets();

        builder.AddServiceDatabase<WebDb>("web");
        builder.Services.AddDataProtection().SetApplicationName("PublicServices.Web").PersistKeysToDbContext<WebDb>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ps.web.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Only the scheme matters (secure cookies when TLS ends at the gateway; an https public address makes them
        // secure anyway, PublicAddress); only loopback proxies are trusted by default.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedProto);

        builder.AddWebSignIn();
        // Officers work with personal data of many people: where Web:RequireOfficerTotp is on (production), the workspace
        // needs a login that used the authenticator app; the identity service enforces the same for the tokens.
        var requireTotp = builder.Configuration.GetValue<bool>($"{WebOptions.Section}:{nameof(WebOptions.RequireOfficerTotp)}");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OfficerPolicy, p =>
            {
                p.RequireRole(Roles.Officer).RequireClaim(Claims.Agency);
                if (requireTotp) p.RequireClaim(WebSignIn.AuthenticationMethods, "otp");
            })
            .AddPolicy(ApplicantPolicy, p => p.RequireRole(Roles.Citizen, Roles.Business));
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Applications", ApplicantPolicy);
            o.Conventions.AuthorizeFolder("/Dossiers");
            o.Conventions.AuthorizeFolder("/Officer", OfficerPolicy);
            o.Conventions.AuthorizePage("/Profile");
        });
        builder.Services.AddPortalUi();
        builder.Services.AddPortalClients();
        return builder;
    }

    /// <summary>The middleware, in order: forwarded scheme, language, error pages, static files, sessions, pages.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRequestLocalization();
        app.UseCultureChoice();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSecureCookiesForPublicAddress();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebService(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapWebSignIn();
        app.MapFileEndpoints();
        return app;
    }

    /// <summary>Before the first request: the sessions' schema up to date.</summary>
    public static Task InitializeWebAsync(this WebApplication app) => app.InitializeDatabaseAsync<WebDb>();
}
