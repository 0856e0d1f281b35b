using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace PublicServices.Gateway;

public static class GatewayProxyExtensions
{
    /// <summary>
    /// YARP with routes and clusters from the "ReverseProxy" section. Destinations are service-discovery names
    /// (http://identity, …) resolved from services:&lt;name&gt;:http:0, which Aspire sets as services__identity__http__0.
    /// </summary>
    public static WebApplicationBuilder AddGatewayProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton<EdgeHeaders>();
        // Problem details clear the response first; put the edge headers back on every one of them.
        builder.Services.Configure<ProblemDetailsOptions>(o =>
        {
            var previous = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = problem =>
            {
                previous?.Invoke(problem);
                problem.HttpContext.RequestServices.GetRequiredService<EdgeHeaders>().Apply(problem.HttpContext);
            };
        });
        builder.Services.AddSingleton<IProxyConfigFilter, RouteRules>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(context =>
            {
                var headers = context.Services.GetRequiredService<EdgeHeaders>();
                context.AddResponseTransform(transform =>
                {
                    headers.ApplyToProxied(transform.HttpContext);
                    return ValueTask.CompletedTask;
                });
            });
        builder.Services.AddGatewayReadiness();
        return builder;
    }

    /// <summary>What runs inside YARP for each proxied request, before its own stages.</summary>
    public static IReverseProxyApplicationBuilder UseGatewayProxyPipeline(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseMiddleware<ProxyGuard>();
        // The stages MapReverseProxy() adds by default: replicas behind one cluster are balanced.
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
        return proxy;
    }
}
