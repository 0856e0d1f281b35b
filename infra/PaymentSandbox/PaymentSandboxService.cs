using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using PublicServices.PaymentSandbox.Apis;
using PublicServices.PaymentSandbox.Payments;
using PublicServices.PaymentSandbox.Transactions;

namespace PublicServices.PaymentSandbox;

/// <summary>
/// The sandbox VNPay gateway: the payment page, the IPN sender, the query/refund API and the test controls. It does
/// not use the services' defaults (ServiceDefaults): their HTTP resilience handler would retry IPNs behind the
/// sandbox's back, and a stand-in for the bank has no business sharing the product's code.
/// </summary>
public static class PaymentSandboxService
{
    public static WebApplicationBuilder AddPaymentSandboxService(this WebApplicationBuilder builder)
    {
        // Not the top-level "Urls" key: in appsettings.json it would override ASPNETCORE_URLS, the address an AppHost gives.
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && configuration[$"{PaymentSandboxOptions.Section}:Urls"] is { Length: > 0 } urls)
            builder.WebHost.UseUrls(urls);
        builder.Services.AddOptions<PaymentSandboxOptions>().Bind(builder.Configuration.GetSection(PaymentSandboxOptions.Section))
            .Validate(o => o.Merchants.Count > 0, "Sandbox:Merchants must register at least one merchant")
            .Validate(o => o.Merchants.Values.All(m => m.HashSecret.Length > 0), "Sandbox:Merchants:<TmnCode>:HashSecret is required")
            .Validate(o => o.Merchants.Values.All(m => m.DropIpn || (Uri.TryCreate(m.IpnUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")),
                "Sandbox:Merchants:<TmnCode>:IpnUrl must be an absolute http(s) URL (or DropIpn true)")
            .Validate(o => o.Ipn.Attempts >= 1 && o.Ipn.FirstRetryDelay >= TimeSpan.Zero && o.Ipn.Timeout > TimeSpan.Zero,
                "Sandbox:Ipn needs Attempts of 1 or more, a FirstRetryDelay not negative and a positive Timeout")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TransactionStore>();
        builder.Services.AddSingleton<Checkout>();
        builder.Services.AddSingleton<MerchantRequests>();
        builder.Services.AddSingleton<IpnSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IpnSender>());
        // Each try has its own deadline (Sandbox:Ipn:Timeout); retries are the sender's, recorded one by one.
        builder.Services.AddHttpClient(IpnSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);

        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // The page speaks the language the merchant asked for in vnp_Locale (vn or en), Vietnamese by default.
            o.SetDefaultCulture("vi").AddSupportedCultures("vi", "en").AddSupportedUICultures("vi", "en");
            o.RequestCultureProviders = [new CustomRequestCultureProvider(LocaleOfAsync), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.AddRazorPages();
        // Vietnamese letters written as they are, not as &#x...; entities (the page stays readable as source).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UsePaymentSandbox(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(PaymentSandboxService).Assembly, "PublicServices.PaymentSandbox.Assets"),
            RequestPath = "/assets",
        });
        return app;
    }

    public static WebApplication MapPaymentSandboxService(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapMerchantApi();
        app.MapSandboxControls();
        app.MapGet("/health", () => "Healthy").AllowAnonymous();
        return app;
    }

    static async Task<ProviderCultureResult?> LocaleOfAsync(HttpContext context)
    {
        string? locale = context.Request.Query["vnp_Locale"];
        if (string.IsNullOrEmpty(locale) && context.Request.HasFormContentType)
            locale = (await context.Request.ReadFormAsync(context.RequestAborted))["vnp_Locale"];
        return locale switch
        {
            "en" => new ProviderCultureResult("en"),
            "vn" => new ProviderCultureResult("vi"),
            _ => null,
        };
    }
}
