using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Apis;
using PublicServices.Identity.Data;
using PublicServices.Identity.Data.Seed;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Mail;
using PublicServices.Identity.Pages;
using PublicServices.Identity.Server;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.WebUi;

namespace PublicServices.Identity;

/// <summary>The identity service: users (ASP.NET Core Identity), the OpenID Connect server, the account pages and the API.</summary>
public static class IdentityService
{
    /// <summary>
    /// Settings, the identity database (with OpenIddict's entities), ASP.NET Core Identity with its login cookie, the
    /// data-protection keys in that database (so cookies and antiforgery tokens work on every replica), the OpenID
    /// server, and the API's OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        builder.RequireSecrets(IdentityOptions.SecretKeys(builder.Configuration));
        builder.Services.AddOptions<IdentityOptions>().Bind(builder.Configuration.GetSection(IdentityOptions.Section))
            .PostConfigure(o => { foreach (var (id, client) in o.Clients) client.ClientId = id; })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth"))
            // Tokens carry the issuer as a URI ("…/"); resource servers compare it as a string, so both must agree.
            .Validate(o => Uri.TryCreate(o.Issuer, UriKind.Absolute, out _) && o.Issuer.EndsWith('/'),
                "Auth:Issuer must be an absolute URI ending with '/' (the gateway's public address, e.g. http://localhost:8080/)")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);

        // The order of the OpenIddict samples: the DbContext with UseOpenIddict, then Identity, then OpenIddict.
        builder.AddServiceDatabase<IdentityDb>("identity", db => db.UseOpenIddict());
        builder.AddUsers();

        builder.Services.AddDataProtection()
            .SetApplicationName("PublicServices.Identity")
            .PersistKeysToDbContext<IdentityDb>();
        // The account pages are Razor Pages: every form post is checked against this antiforgery cookie.
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "ps.antiforgery");
        builder.Services.AddRazorPages();
        builder.Services.AddPortalUi();
        // The portal's stylesheet and script come from the shared UI library's static web assets, in every environment
        // (Development alone would load them by itself; the embedded mode runs in Demo).
        builder.WebHost.UseStaticWebAssets();
        // An unreadable body is the caller's fault: 400 in every environment (Development would otherwise rethrow
        // it and answer 500).
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);

        // The client's address (for the login throttle) and scheme (secure cookies when TLS ends at the gateway), from
        // the proxies named in TrustedProxies only: the gateway's addresses (the AppHost sets them).
        builder.Services.AddTrustedProxies("TrustedProxies", ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        builder.Services.AddScoped<CitizenRegistrar>();
        builder.Services.AddScoped<LoginThrottle>();
        builder.Services.AddScoped<AccountMail>();
        builder.AddMailQueue();
        builder.Services.AddScoped<OfficerRegistrar>();
        builder.AddAuditLog<IdentityDb>();
        builder.Services.AddScoped<IdentitySeeder>();
        builder.AddOpenIdServer();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The OpenID Connect endpoints, the account pages (with the portal's stylesheet and script) and the JSON API.</summary>
    public static WebApplication MapIdentityService(this WebApplication app)
    {
        app.MapConnectEndpoints();
        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapIdentityApi();
        app.MapOfficersApi();
        app.MapInternalApi();
        app.MapAuditEndpoints<IdentityDb>("identity", IdentityPolicies.Administrator);
        return app;
    }

    /// <summary>
    /// Before the first request: schema up to date (migrations on PostgreSQL), server keys loaded (created once,
    /// shared by all replicas), roles, staff, scopes and clients seeded.
    /// </summary>
    public static async Task InitializeIdentityAsync(this WebApplication app)
    {
        await app.InitializeDatabaseAsync<IdentityDb>();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        await services.GetRequiredService<ServerKeyRing>().LoadAsync(services.GetRequiredService<IdentityDb>(), options);
        await services.GetRequiredService<IdentitySeeder>().SeedAsync();
    }

    /// <summary>
    /// The mail queue's sender (every replica runs one; they share the queue) and its server settings. In Production the
    /// sender's address is required when a server is set.
    /// </summary>
    static void AddMailQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .Validate(o => o.LogsOnly || System.Net.Mail.MailAddress.TryCreate(o.From, out _),
                "Identity:Smtp:From must be a sender address (\"Name <address>\") when Identity:Smtp:Host is set")
            .Validate(o => o.Port is > 0 and < 65536 && o.BatchSize > 0 && o.MaxAttempts > 0 && o.PollInterval > TimeSpan.Zero,
                "Identity:Smtp: Port, BatchSize, MaxAttempts and PollInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddHostedService<MailSender>();
    }

    /// <summary>ASP.NET Core Identity on the identity database, its cookies (the login, its second step) and the account pages' policies.</summary>
    static void AddUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                // No lockout: anyone who knows a user name could keep its owner out. LoginThrottle delays instead.
                o.Lockout.AllowedForNewUsers = false;
                // Uniqueness of e-mail is checked at registration and enforced by a unique index; officers have none.
                o.User.RequireUniqueEmail = false;
                // Citizens sign in once the link mailed at registration has confirmed their address (CitizenConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders()
            .AddUserConfirmation<CitizenConfirmation>();
        // The mailed confirmation link works for three days; a later registration mails its owner a new one.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ps.identity";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = AccountPaths.LoginPath;
            o.LogoutPath = AccountPaths.LogoutPath;
            o.AccessDeniedPath = AccountPaths.LoginPath;
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Relative redirects: behind the gateway this process does not know the public host name.
            o.Events.OnRedirectToLogin = ctx => WebUi.LocalAddress.RedirectRelative(ctx.Response, ctx.RedirectUri);
            o.Events.OnRedirectToAccessDenied = ctx => WebUi.LocalAddress.RedirectRelative(ctx.Response, ctx.RedirectUri);
        });
        // Without a pending second step, back to the login page, still going where the login was going (not to the
        // second step's own address, which would need a password step again).
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Events.OnRedirectToLogin = ctx =>
        {
            ctx.Response.Redirect(AccountPaths.WithReturnUrl(AccountPaths.LoginPath, AccountPaths.LocalOrNull(ctx.Request.Query["returnUrl"])));
            return Task.CompletedTask;
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // "Log out everywhere" changes the security stamp: other browsers' login cookies stop at once. The login cookie
            // is read only on the login and authorization pages, so checking it each time costs little.
            o.ValidationInterval = TimeSpan.Zero;
            // Identity rebuilds the cookie's principal at each check and drops its amr claim: keep it, or a login with
            // TOTP would count as a password-only one halfway through an officer's day.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.NewPrincipal?.Identity is ClaimsIdentity identity && ctx.CurrentPrincipal is { } current)
                    identity.AddClaims(current.FindAll(SecondFactor.MethodsClaim));
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IdentityPolicies.SignedIn, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddPolicy(IdentityPolicies.SecondStep, p => p.AddAuthenticationSchemes(IdentityConstants.TwoFactorUserIdScheme).RequireAuthenticatedUser());
    }


    /// <summary>
    /// The service's one-off commands: <c>bootstrap-admin &lt;user-name&gt;</c> (the first administrator) and
    /// <c>audit-verify</c> (the audit chain). Returns the exit code, or null when the arguments name none.
    /// </summary>
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (AdminBootstrap.IsCommand(args))
            return await AdminBootstrap.RunAsync(app, args, Console.In, Console.Out);
        return await app.RunAuditCommandAsync<IdentityDb>(args) ? Environment.ExitCode : null;
    }
}

