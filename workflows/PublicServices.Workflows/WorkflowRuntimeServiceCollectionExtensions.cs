using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PublicServices.Workflows.Activities;
using PublicServices.Workflows.Calendar;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Expressions;
using PublicServices.Workflows.Runtime;

namespace PublicServices.Workflows;

/// <summary>Registers the workflow runtime.</summary>
public static class WorkflowRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime on the host's <typeparamref name="TDb"/> (which must call
    /// <c>modelBuilder.AddWorkflowRuntime(Database)</c>): <see cref="WorkflowRuntime"/>,
    /// <see cref="WorkflowQueries"/>, <see cref="WorkflowDefinitionStore"/>, <see cref="WorkflowValidator"/>, the
    /// working calendar, and the background poller for timers and incidents. The host registers an
    /// <see cref="IWorkflowEffectWriter"/> (scoped) and binds options from <see cref="WorkflowRuntimeOptions.SectionName"/>.
    /// More activity types: register further <see cref="WorkflowActivity"/> singletons.
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime<TDb>(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null)
        where TDb : DbContext
    {
        var options = services.AddOptions<WorkflowRuntimeOptions>()
            .Validate(o => !o.Problems().Any(), "Workflow:Runtime options are not valid (see WorkflowRuntimeOptions.Problems).")
            .ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.AddWorkingCalendar();
        services.TryAddSingleton(TimeProvider.System);
        foreach (var activity in ActivityRegistry.BuiltIn)
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(WorkflowActivity), activity.GetType()));
        services.TryAddSingleton(sp => new ActivityRegistry(sp.GetServices<WorkflowActivity>()));
        services.TryAddSingleton<ExpressionEvaluator>();
        services.TryAddSingleton(sp => new WorkflowValidator(sp.GetRequiredService<ActivityRegistry>()));
        services.TryAddSingleton<IWorkflowDb, WorkflowDb<TDb>>();
        services.TryAddSingleton<InstanceLocks>();
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<RuntimeServices>();
        services.TryAddSingleton(sp => new WorkflowRuntime(sp.GetRequiredService<RuntimeServices>(), sp.GetRequiredService<IWorkflowDb>(),
            sp.GetRequiredService<InstanceLocks>(), sp.GetRequiredService<DefinitionCache>()));
        services.TryAddSingleton(sp => new WorkflowQueries(sp.GetRequiredService<IWorkflowDb>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WorkflowDefinitionStore(sp.GetRequiredService<IWorkflowDb>(), sp.GetRequiredService<InstanceLocks>(),
            sp.GetRequiredService<WorkflowValidator>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<WorkflowPoller>();
        return services;
    }
}
