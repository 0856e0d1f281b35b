using System.Text.Json;
using System.Text.Json.Serialization;
using PublicServices.ServiceDefaults;
using PublicServices.Workflow.Apis;
using PublicServices.Workflow.Clients;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Definitions;
using PublicServices.Workflow.Events;
using PublicServices.OneStop.Calendar;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow;

public static class WorkflowServices
{
    /// <summary>
    /// What the service adds around the runtime: its options, the calendar and runtime settings from configuration,
    /// the outbox writer for effects, the catalog client, the policies, JSON settings and the OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddWorkflowService(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkflowServiceOptions>().BindConfiguration(WorkflowServiceOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.SectionName);
        builder.Services.AddOptions<WorkingCalendarOptions>().BindConfiguration(WorkingCalendarOptions.SectionName);
        builder.Services.AddWorkingCalendar();
        builder.Services.AddScoped<IWorkflowEffectWriter, OutboxEffectWriter>();
        builder.Services.AddScoped<IncomingEvents>();
        builder.Services.AddServiceClient<ICatalogApi>("catalog", "catalog");

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Callers.AdminPolicy, p => p.RequireRole(Roles.Admin).RequireScope(Callers.Scope))
            .AddPolicy(Callers.OfficerPolicy, p => p.RequireRole(Roles.Officer).RequireClaim(Claims.Agency).RequireScope(Callers.Scope));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Vietnamese stays readable in responses; they are JSON, never embedded in HTML.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        // A body that cannot be read is the caller's fault: 400, also in Development, where the framework throws it.
        builder.Services.Configure<ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector ??= e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapWorkflowApi(this WebApplication app)
    {
        app.MapOpenApi("/api/workflow/openapi/{documentName}.json").AllowAnonymous();
        app.MapDefinitionsApi();
        app.MapInstancesApi();
        app.MapTasksApi();
        app.MapEventEndpoints<IncomingEvents>("workflow");
        return app;
    }

    /// <summary>Brings the schema up to date, then installs the shipped definitions that are not there yet.</summary>
    public static Task InitializeWorkflowAsync(this WebApplication app) =>
        app.InitializeDatabaseAsync<WorkflowDb>(db => DefaultDefinitions.InstallAsync(db, app.Services));
}
