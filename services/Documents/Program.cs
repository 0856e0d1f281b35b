using PublicServices.Documents;
using PublicServices.Documents.Apis;
using PublicServices.Documents.Data;
using PublicServices.Documents.Storage;
using PublicServices.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTokenValidation();
builder.AddObjectStorage();
builder.AddDocuments();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapDocumentsApi();
app.MapAttachmentsApi();
app.MapOpenApi("/api/documents/openapi/{documentName}.json").AllowAnonymous();
await app.InitializeDatabaseAsync<DocumentsDb>();
await app.RunAsync();
