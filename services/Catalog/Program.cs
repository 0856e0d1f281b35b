using PublicServices.Catalog;
using PublicServices.Catalog.Data;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalogService();

var app = builder.Build();
if (await app.RunAuditCommandAsync<CatalogDbContext>(args)) return;
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCatalogService();
await app.InitializeCatalogAsync();
app.Run();
