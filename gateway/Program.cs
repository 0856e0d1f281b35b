using PublicServices.Gateway;
using PublicServices.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayProxy();
builder.AddGatewayRateLimits();
builder.AddGatewayLimits();
builder.AddEdgeCache();

var app = builder.Build();
app.UseGatewayPipeline();
app.MapDefaultEndpoints();
app.MapReverseProxy(proxy => proxy.UseGatewayProxyPipeline());
app.Run();
