using PublicServices.Identity;
using PublicServices.ServiceDefaults;
using PublicServices.WebUi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityService();

var app = builder.Build();
await app.InitializeIdentityAsync();
app.UseForwardedHeaders();
app.UseServiceDefaults();
app.UseCultureChoice();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapIdentityService();
app.Run();
