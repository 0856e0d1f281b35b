// A bare YARP proxy: one route from configuration ("ReverseProxy" in appsettings.json, destination from
// ReverseProxy__Clusters__bench__Destinations__d1__Address), no middleware of its own.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
