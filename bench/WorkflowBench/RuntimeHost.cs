using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PublicServices.OneStop;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// The runtime wired as the workflow service wires it (AddServiceDatabase on PostgreSQL with the services' pooling
/// settings, the engine with its poller and the one-stop module, the outbox writer), in this process, on a fresh database.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    readonly IHost host;

    RuntimeHost(IHost host, string database, string connectionString)
    {
        this.host = host;
        Database = database;
        ConnectionString = connectionString;
    }

    public string Database { get; }
    /// <summary>For the bench's own SQL (bulk load, plans); the runtime uses its pooled DbContext.</summary>
    public string ConnectionString { get; }
    public IServiceProvider Services => host.Services;
    public WorkflowRuntime Runtime => host.Services.GetRequiredService<WorkflowRuntime>();
    public WorkflowQueries Queries => host.Services.GetRequiredService<WorkflowQueries>();

    /// <summary>The service's own actor for starts, and officers of an agency with one role.</summary>
    public static readonly WorkflowActor Starter = new("svc-dossiers", "Dịch vụ hồ sơ", Roles: ["service"]);

    public static WorkflowActor Officer(string agency, string role) => new($"{role}@{agency}", "Cán bộ " + role, agency, [role]);

    /// <summary>Drops and recreates the database, creates the schema from the model, publishes the bench definitions, starts the host.</summary>
    public static async Task<RuntimeHost> CreateAsync(WorkflowBenchOptions o, string suffix, Action<DbContextOptionsBuilder>? configure = null)
    {
        var database = o.Database(suffix);
        await using (var admin = new NpgsqlConnection(o.Postgres))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddConfiguration(o.Configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:workflow"] = o.ConnectionTo(suffix),
        });
        // Warnings only; --Logging:LogLevel:<category>=Information shows more (e.g. the runtime's SQL).
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.AddServiceDatabase<BenchDb>("workflow", configure);
        builder.Services.AddScoped<IWorkflowEffectWriter, BenchEffectWriter>();
        builder.Services.AddOptions<WorkflowRuntimeOptions>().BindConfiguration(WorkflowRuntimeOptions.SectionName);
        builder.Services.AddWorkflowEngine<BenchDb>();
        builder.Services.AddOneStopWorkflows();
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<BenchDb>().Database.EnsureCreatedAsync();
        var store = host.Services.GetRequiredService<WorkflowDefinitionStore>();
        foreach (var definition in Definitions.All())
        {
            await store.SaveDraftAsync(definition);
            var published = await store.PublishAsync(definition.DefinitionId);
            if (published.Status != PublishStatus.Published)
                throw new InvalidOperationException($"{definition.DefinitionId} was not published: {published.Status} "
                    + string.Join("; ", published.Problems?.Select(p => p.ToString()) ?? []));
        }
        await host.StartAsync();
        return new RuntimeHost(host, database, o.ConnectionTo(suffix));
    }

    public async Task<Guid> StartAsync(string definitionId, string correlationId, string agency, string? dossierCode = null)
    {
        var result = await Runtime.StartAsync(new StartWorkflowRequest(definitionId, correlationId, Starter)
        {
            Unit = agency, Reference = dossierCode ?? correlationId[..Math.Min(30, correlationId.Length)],
        });
        if (result.Status != StartStatus.Started) throw new InvalidOperationException($"start of {definitionId}: {result.Status}");
        return result.InstanceId!.Value;
    }

    public async Task<T> WithDbAsync<T>(Func<BenchDb, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BenchDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
