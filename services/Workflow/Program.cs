using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.Workflow;
using PublicServices.Workflow.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWorkflowService();

var app = builder.Build();
if (await app.RunAuditCommandAsync<WorkflowDb>(args)) return;
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapWorkflowService();
await app.InitializeWorkflowAsync();
app.Run();
