using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Dossiers;
using PublicServices.Payments.Apis;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Invoices;
using PublicServices.Payments.Domain.Reconciliation;
using PublicServices.Payments.Domain.Refunds;
using PublicServices.Payments.Domain.Sessions;
using PublicServices.Payments.Domain.Settling;
using PublicServices.Payments.Events;
using PublicServices.Payments.Providers.VnPay;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Payments;

/// <summary>The payments service: fee invoices, payment sessions at VNPay, its IPN and return, reconciliation, refunds, e-receipts.</summary>
public static class PaymentsService
{
    /// <summary>
    /// Tokens, its database, outbox and audit log, the dossiers lookup (with the caller's token), the VNPay adapter,
    /// the reconciliation worker and the consumer of PaymentRequested.
    /// </summary>
    public static WebApplicationBuilder AddPaymentsService(this WebApplicationBuilder builder)
    {
        builder.RequireSecrets("Auth:ClientSecret", "Payments:VnPay:HashSecret");
        builder.AddTokenValidation();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(InvoicesApi.ApplicantOrOfficer, p => p.RequireAssertion(ctx =>
                ctx.User.IsInRole(Roles.Citizen) || ctx.User.IsInRole(Roles.Business) || (ctx.User.IsOfficer() && ctx.User.AgencyCode() is not null)))
            .AddPolicy(InvoicesApi.AgencyLeader, p => p.RequireRole(Roles.Leader).RequireClaim(Claims.Agency));
        builder.Services.AddOptions<PaymentsOptions>().BindConfiguration("Payments").ValidateDataAnnotations()
            .Validate(o => o.SessionLifetime > TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero && o.ReconcileGrace >= TimeSpan.Zero
                && o.ReconcileLease > TimeSpan.Zero, "Payments: durations must be positive")
            .Validate(o => ReturnPath.IsValid(o.DefaultReturnPath), "Payments:DefaultReturnPath must be a relative path of the portal")
            .ValidateOnStart();

        builder.AddServiceDatabase<PaymentsDb>("payments", db => db.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        builder.AddMessaging<PaymentsDb>();
        builder.AddAuditLog<PaymentsDb>();

        builder.Services.AddCallerTokenClient<IDossierHeadersApi>("dossiers");
        builder.Services.AddScoped<CallerDossierLookup>();
        // The standard resilience handler comes from the HttpClient defaults (AddServiceDefaults).
        builder.Services.AddHttpClient<VnPayClient>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<InvoiceAccess>();
        builder.Services.AddScoped<SessionStarter>();
        builder.Services.AddScoped<Settlement>();
        builder.Services.AddScoped<Reconciler>();
        builder.Services.AddScoped<Refunder>();
        builder.Services.AddScoped<IncomingEvents>();
        builder.Services.AddHostedService<ReconciliationWorker>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapPaymentsService(this WebApplication app)
    {
        app.MapInvoicesApi();
        app.MapSessionsApi();
        app.MapVnPayApi();
        app.MapEventEndpoints<IncomingEvents>("payments");
        app.MapAuditEndpoints<PaymentsDb>("payments");
        app.MapOpenApi("/api/payments/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>Brings the schema up to date before the service takes traffic.</summary>
    public static Task InitializePaymentsAsync(this WebApplication app) => app.InitializeDatabaseAsync<PaymentsDb>();
}
