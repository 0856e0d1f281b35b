using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Activities;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Expressions;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Validation;

namespace PublicServices.WorkflowEngine;

/// <summary>Registers the workflow engine.</summary>
public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine on the host's <typeparamref name="TDb"/> (whose model calls
    /// <c>modelBuilder.AddWorkflowEngine(Database)</c>): <see cref="WorkflowRuntime"/>, <see cref="WorkflowQueries"/>,
    /// <see cref="WorkflowDefinitionStore"/>, <see cref="WorkflowValidator"/>, Elsa's control activities, the store for
    /// the context's database (PostgreSQL, or the portable one), and the background poller for timers and incidents.
    /// The host registers an <see cref="IWorkflowEffectWriter"/> (scoped) and binds options from
    /// <see cref="WorkflowRuntimeOptions.SectionName"/>. Modules add activities (<see cref="WorkflowActivity"/>
    /// singletons), script globals (<see cref="IWorkflowGlobal"/> singletons) and definition rules (<see cref="IDefinitionRule"/>).
    /// </summary>
    public static IServiceCollection AddWorkflowEngine<TDb>(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null)
        where TDb : DbContext
    {
        var options = services.AddOptions<WorkflowRuntimeOptions>()
            .Validate(o => !o.Problems().Any(), "Workflow:Runtime options are not valid (see WorkflowRuntimeOptions.Problems).")
            .ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        foreach (var activity in ControlActivities.All)
            services.TryAddEnumerable(ServiceDescriptor.Singleton(activity));
        services.TryAddSingleton(sp => new ActivityRegistry(sp.GetServices<WorkflowActivity>()));
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton(sp => new WorkflowValidator(sp.GetRequiredService<ActivityRegistry>(), sp.GetServices<IDefinitionRule>()));
        services.TryAddSingleton<IWorkflowDb, WorkflowDb<TDb>>();
        services.TryAddSingleton<IWorkflowStore>(sp =>
        {
            using var scope = sp.CreateScope();
            return scope.ServiceProvider.GetRequiredService<TDb>().Database.IsNpgsql()
                ? new PostgresWorkflowStore(sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>())
                : new PortableWorkflowStore(sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>());
        });
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton(sp => new ExecutionServices(sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<ExpressionEvaluator>(),
            sp.GetServices<IWorkflowGlobal>(), sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WorkflowRuntime(sp.GetRequiredService<ExecutionServices>(), sp.GetRequiredService<IWorkflowDb>(),
            sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<DefinitionCache>()));
        services.TryAddSingleton(sp => new WorkflowQueries(sp.GetRequiredService<IWorkflowDb>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WorkflowDefinitionStore(sp.GetRequiredService<IWorkflowDb>(), sp.GetRequiredService<IWorkflowStore>(),
            sp.GetRequiredService<WorkflowValidator>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<WorkflowPoller>();
        return services;
    }
}
