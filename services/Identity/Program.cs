using PublicServices.Identity;
using PublicServices.Identity.Data.Seed;
using PublicServices.ServiceDefaults;
using PublicServices.WebUi;

var builder = WebApplication.CreateBuilder(AdminBootstrap.HostArgs(args));
builder.AddServiceDefaults();
builder.AddIdentityService();

var app = builder.Build();
// `bootstrap-admin <user-name>` and `audit-verify`: one-off commands that exit (see the README).
if (await app.RunCommandAsync(args) is { } exitCode) return exitCode;
await app.InitializeIdentityAsync();
app.UseForwardedHeaders();
app.UseServiceDefaults();
app.UseCultureChoice();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapIdentityService();
await app.RunAsync();
return 0;
