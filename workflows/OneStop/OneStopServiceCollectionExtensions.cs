using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PublicServices.OneStop.Activities;
using PublicServices.OneStop.Calendar;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Validation;
using Texts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.OneStop;

/// <summary>Registers the one-stop module on top of the workflow engine.</summary>
public static class OneStopServiceCollectionExtensions
{
    /// <summary>
    /// Adds the working calendar (its options validated on start; the host binds them from
    /// <see cref="WorkingCalendarOptions.SectionName"/>), the one-stop activities, the status-flow rule, the script
    /// global <c>dossier</c>, <see cref="DossierDeadlines"/>, and the runtime's own name in the dossier's record.
    /// Call after <c>AddWorkflowEngine</c>.
    /// </summary>
    public static IServiceCollection AddOneStopWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkingCalendarOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkingCalendarOptions>, WorkingCalendarOptionsValidator>());
        services.TryAddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<WorkingCalendarOptions>>().Value));
        foreach (var activity in Activities)
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(WorkflowActivity), activity));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDefinitionRule, DossierStatusFlowRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowGlobal, DossierGlobal>());
        services.TryAddSingleton<DossierDeadlines>();
        services.Configure<WorkflowRuntimeOptions>(o => o.SystemActorName = Texts.Record("Record.SystemActor"));
        return services;
    }

    /// <summary>The module's activity types.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
        [typeof(HumanTask), typeof(RequestSupplement), typeof(RequestPayment), typeof(IssueResult), typeof(SetDossierStatus), typeof(Notify), typeof(TransferAgency), typeof(RequestRefund)];
}
