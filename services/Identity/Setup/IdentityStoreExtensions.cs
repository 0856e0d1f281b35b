using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.Identity.Keys;
using PublicServices.Identity.Users;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Setup;

public static class IdentityStoreExtensions
{
    /// <summary>
    /// The identity database (with OpenIddict's entities), ASP.NET Core Identity with its login cookie, and the
    /// data-protection keys in that database so cookies and antiforgery tokens work on every replica.
    /// </summary>
    public static WebApplicationBuilder AddIdentityStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityServiceOptions>().Bind(builder.Configuration.GetSection(IdentityServiceOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityServiceOptions>, IdentityServiceOptionsValidator>();
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth"))
            // Tokens carry the issuer as a URI ("…/"); resource servers compare it as a string, so both must agree.
            .Validate(o => Uri.TryCreate(o.Issuer, UriKind.Absolute, out _) && o.Issuer.EndsWith('/'),
                "Auth:Issuer must be an absolute URI ending with '/' (the gateway's public address, e.g. http://localhost:8080/)")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerKeyRing>();

        // The order of the OpenIddict samples: the DbContext with UseOpenIddict, then Identity, then OpenIddict.
        builder.AddServiceDatabase<IdentityDb>("identity", db => db.UseOpenIddict());

        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                // Uniqueness of e-mail is checked at registration and enforced by a unique index; officers have none.
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ps.identity";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Relative redirects: behind the gateway this process does not know the public host name.
            o.Events.OnRedirectToLogin = ctx => RedirectRelative(ctx.Response, ctx.RedirectUri);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectRelative(ctx.Response, ctx.RedirectUri);
        });

        builder.Services.AddDataProtection()
            .SetApplicationName("PublicServices.Identity")
            .PersistKeysToDbContext<IdentityDb>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "ps.antiforgery");
        // A missing antiforgery token or an unreadable body is the caller's fault: 400 in every environment
        // (Development would otherwise rethrow it and answer 500).
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);

        // Only the scheme matters here (secure cookies when TLS ends at the gateway); by default only loopback
        // proxies are trusted, which is where the gateway runs in the embedded mode.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto);

        builder.Services.AddScoped<CitizenRegistrar>();
        builder.Services.AddScoped<IdentitySeeder>();
        return builder;
    }

    static Task RedirectRelative(HttpResponse response, string redirectUri)
    {
        response.Redirect(Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri);
        return Task.CompletedTask;
    }
}
