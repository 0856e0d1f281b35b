using PublicServices.Identity;
using PublicServices.Identity.Data;
using PublicServices.Identity.Data.Seed;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.WebUi;

var builder = WebApplication.CreateBuilder(AdminBootstrap.HostArgs(args));
builder.AddServiceDefaults();
builder.AddIdentityService();

var app = builder.Build();
// `bootstrap-admin <user-name>`: creates the first administrator and exits (see the README).
if (AdminBootstrap.IsCommand(args))
    return await AdminBootstrap.RunAsync(app, args, Console.In, Console.Out);
if (await app.RunAuditCommandAsync<IdentityDb>(args)) return 0;
await app.InitializeIdentityAsync();
app.UseForwardedHeaders();
app.UseServiceDefaults();
app.UseCultureChoice();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapIdentityService();
await app.RunAsync();
return 0;
