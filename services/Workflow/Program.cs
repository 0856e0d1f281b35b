using PublicServices.ServiceDefaults;
using PublicServices.Workflow;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWorkflowService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapWorkflowService();
await app.InitializeWorkflowAsync();
app.Run();
