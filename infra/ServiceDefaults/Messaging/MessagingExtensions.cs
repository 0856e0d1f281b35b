using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PublicServices.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Binds <see cref="MessagingOptions"/> ("Messaging") and, unless <c>Messaging:DispatcherEnabled</c> is false, runs
    /// the outbox dispatcher of <typeparamref name="TDb"/> (whose model calls <see cref="MessagingModel.AddMessaging"/>).
    /// Needs AddServiceDefaults (service discovery) and AddTokenValidation (Auth:ClientId/ClientSecret for tokens).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDb>(this IHostApplicationBuilder builder) where TDb : DbContext
    {
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.RetryMaxMilliseconds >= o.RetryBaseMilliseconds, "Messaging:RetryMaxMilliseconds must not be below RetryBaseMilliseconds")
            .Validate(o => o.Routes.Values.All(s => Uri.CheckHostName(s) == UriHostNameType.Dns), "Messaging:Routes values must be service names")
            .ValidateOnStart();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ServiceTokenCache>();
        builder.Services.AddHttpClient(TokenValidationExtensions.IdentityClient);
        // The dispatcher has its own retry schedule, kept in the database: the standard handler's in-call retries
        // would only hold the batch's locks longer.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt out.
        builder.Services.AddHttpClient(OutboxDispatcher<TDb>.HttpClientName)
            .RemoveAllResilienceHandlers()
            .ConfigureHttpClient((sp, c) => c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MessagingOptions>>().Value.DeliveryTimeoutSeconds));
#pragma warning restore EXTEXP0001
        if (builder.Configuration.GetValue($"{MessagingOptions.SectionName}:{nameof(MessagingOptions.DispatcherEnabled)}", true))
            builder.Services.AddHostedService<OutboxDispatcher<TDb>>();
        return builder;
    }
}
