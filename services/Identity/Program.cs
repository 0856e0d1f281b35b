using PublicServices.Identity.Apis;
using PublicServices.Identity.Pages;
using PublicServices.Identity.Server;
using PublicServices.Identity.Setup;
using PublicServices.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityStore();
builder.AddOpenIdServer();
builder.AddIdentityApi();

var app = builder.Build();
await app.InitializeIdentityAsync();
app.UseForwardedHeaders();
app.UseServiceDefaults();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapConnectEndpoints();
app.MapAccountPages();
app.MapIdentityApi();
app.Run();
