using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PublicServices.Identity.Server;

/// <summary>
/// Makes OpenIddict see every request as addressed to the configured issuer (the gateway's public address)
/// rather than to this process's own host, so the discovery document advertises the public endpoints
/// whether the request came through the gateway or straight from another service.
/// </summary>
public sealed class IssuerBaseUri : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<IssuerBaseUri>()
            // Right after the ASP.NET Core host has resolved the request URI, before endpoints are matched.
            .SetOrder(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.Options.Issuer is { } issuer && context.BaseUri is { } baseUri && context.RequestUri is { } requestUri
            && requestUri.AbsoluteUri.StartsWith(baseUri.AbsoluteUri, StringComparison.Ordinal))
        {
            var rest = requestUri.AbsoluteUri[baseUri.AbsoluteUri.Length..];
            context.BaseUri = issuer;
            context.RequestUri = new Uri(issuer, rest);
        }
        return ValueTask.CompletedTask;
    }
}
