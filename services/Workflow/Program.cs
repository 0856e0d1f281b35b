using PublicServices.ServiceDefaults;
using PublicServices.Workflow;
using PublicServices.Workflow.Data;
using PublicServices.WorkflowEngine;
using PublicServices.WorkflowEngine.Json;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTokenValidation();
builder.AddServiceDatabase<WorkflowDb>("workflow");
builder.AddMessaging<WorkflowDb>();
builder.Services.AddWorkflowRuntime<WorkflowDb>();
builder.AddWorkflowService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapWorkflowApi();
await app.InitializeWorkflowAsync();
app.Run();
