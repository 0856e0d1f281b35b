using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PublicServices.Workflows.Calendar;

/// <summary>Registers the working calendar.</summary>
public static class WorkingCalendarServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorkingCalendar"/> as a singleton with its options validated on start. The host binds the
    /// options: <c>services.AddOptions&lt;WorkingCalendarOptions&gt;().BindConfiguration(WorkingCalendarOptions.SectionName)</c>.
    /// </summary>
    public static IServiceCollection AddWorkingCalendar(this IServiceCollection services)
    {
        services.AddOptions<WorkingCalendarOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkingCalendarOptions>, WorkingCalendarOptionsValidator>());
        services.TryAddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<WorkingCalendarOptions>>().Value));
        return services;
    }
}
