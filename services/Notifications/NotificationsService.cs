using Microsoft.EntityFrameworkCore;
using PublicServices.Notifications.Apis;
using PublicServices.Notifications.Clients;
using PublicServices.Notifications.Data;
using PublicServices.Notifications.Sending;
using PublicServices.Notifications.Events;
using PublicServices.ServiceDefaults;

namespace PublicServices.Notifications;

/// <summary>The notifications service: templated messages about dossiers by e-mail and SMS, their delivery log, and people's choices.</summary>
public static class NotificationsService
{
    /// <summary>
    /// Tokens, its database and event intake, the identity client (people's addresses), the channels, the sender that
    /// drains the deliveries on every replica, and the preferences.
    /// </summary>
    public static WebApplicationBuilder AddNotificationsService(this WebApplicationBuilder builder)
    {
        builder.RequireSecrets("Auth:ClientSecret");
        builder.AddTokenValidation();
        builder.Services.AddAuthorizationBuilder().AddPolicy(DeliveriesApi.Administrator, p => p.RequireRole(Roles.Admin));
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
            .Validate(o => o.IsValid, "Notifications: Smtp:From must be a sender address when Smtp:Host is set; Port, BatchSize, "
                + "MaxAttempts, PollInterval and RetryDelay must be positive, RetryMaxDelay not below RetryDelay")
            .ValidateOnStart();

        builder.AddServiceDatabase<NotificationsDb>("notifications", db => db.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        builder.AddMessaging<NotificationsDb>();

        builder.Services.AddServiceClient<IIdentityApi>("identity", "identity");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ISmsSender, LoggingSmsSender>();
        builder.Services.AddScoped<NotificationRequestedHandler>();
        builder.Services.AddHostedService<DeliverySender>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapNotificationsService(this WebApplication app)
    {
        app.MapPreferencesApi();
        app.MapDeliveriesApi();
        app.MapEventEndpoints<NotificationRequestedHandler>("notifications");
        app.MapOpenApi("/api/notifications/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>Brings the schema up to date before the service takes traffic.</summary>
    public static Task InitializeNotificationsAsync(this WebApplication app) => app.InitializeDatabaseAsync<NotificationsDb>();
}
