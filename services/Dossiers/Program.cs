using PublicServices.Dossiers;
using PublicServices.Dossiers.Data;
using PublicServices.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDossiers();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDossiers();
await app.InitializeDatabaseAsync<DossiersDb>();
app.Run();
