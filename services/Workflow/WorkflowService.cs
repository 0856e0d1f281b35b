using System.Text.Json;
using System.Text.Json.Serialization;
using PublicServices.OneStop;
using PublicServices.OneStop.Calendar;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.Workflow.Apis;
using PublicServices.Workflow.Clients;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Domain;
using PublicServices.Workflow.Events;
using PublicServices.WorkflowEngine;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow;

/// <summary>The workflow service: the engine with the one-stop module on its database, its APIs and the events it consumes.</summary>
public static class WorkflowService
{
    /// <summary>
    /// Tokens, the database with its outbox, the engine and the one-stop module (runtime and calendar settings from
    /// configuration), the outbox writer for effects, the dossiers client and the event consumer, the policies, JSON
    /// settings and the OpenAPI document.
    /// </summary>
    public static WebApplicationBuilder AddWorkflowService(this WebApplicationBuilder builder)
    {
        builder.RequireSecrets("Auth:ClientSecret");
        builder.AddTokenValidation();
        builder.AddServiceDatabase<WorkflowDb>("workflow");
        builder.AddMessaging<WorkflowDb>();
        builder.AddAuditLog<WorkflowDb>();
        builder.Services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.SectionName);
        builder.Services.AddOptions<WorkingCalendarOptions>().BindConfiguration(WorkingCalendarOptions.SectionName);
        builder.Services.AddWorkflowEngine<WorkflowDb>();
        builder.Services.AddOneStopWorkflows();
        builder.Services.AddScoped<IWorkflowEffectWriter, OutboxEffectWriter>();
        builder.Services.AddServiceClient<IDossiersApi>("dossiers", "dossiers");
        builder.Services.AddScoped<DossierCheck>();
        builder.Services.AddScoped<IncomingEvents>();

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

    public static WebApplication MapWorkflowService(this WebApplication app)
    {
        app.MapOpenApi("/api/workflow/openapi/{documentName}.json").AllowAnonymous();
        app.MapDefinitionsApi();
        app.MapInstancesApi();
        app.MapTasksApi();
        app.MapAuditEndpoints<WorkflowDb>("workflow");
        app.MapEventEndpoints<IncomingEvents>("workflow");
        return app;
    }

    /// <summary>Brings the schema up to date, then installs the shipped definitions that are not there yet.</summary>
    public static Task InitializeWorkflowAsync(this WebApplication app) =>
        app.InitializeDatabaseAsync<WorkflowDb>(_ => DefaultDefinitions.InstallAsync(app.Services));
}
