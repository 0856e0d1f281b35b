using PublicServices.Documents;
using PublicServices.Documents.Data;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDocumentsService();

var app = builder.Build();
if (await app.RunAuditCommandAsync<DocumentsDb>(args)) return;
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDocumentsService();
await app.InitializeDocumentsAsync();
await app.RunAsync();
