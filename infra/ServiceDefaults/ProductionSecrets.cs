using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// Demo mode is the ASP.NET environment "Demo": only there is a service's appsettings.Demo.json loaded (demo officers'
/// password, demo client secrets, link-signing key, all published in the repository). In every other environment a
/// service refuses to start while a secret it needs is empty, shorter than 32 characters, or one of those demo values.
/// </summary>
public static class ProductionSecrets
{
    public const string DemoEnvironment = "Demo";
    public const string DemoFile = "appsettings.Demo.json";
    public const int MinimumLength = 32;

    public static bool IsDemo(this IHostEnvironment environment) => environment.IsEnvironment(DemoEnvironment);

    /// <summary>The service's appsettings.Demo.json, read in any environment (to recognise what it defines).</summary>
    public static IConfiguration DemoConfiguration(IHostEnvironment environment) =>
        new ConfigurationBuilder().SetFileProvider(environment.ContentRootFileProvider).AddJsonFile(DemoFile, optional: true).Build();

    /// <summary>Every value in the service's appsettings.Demo.json (the one list of known development values).</summary>
    public static IReadOnlySet<string> DemoValues(IHostEnvironment environment) =>
        DemoConfiguration(environment).AsEnumerable().Select(p => p.Value).OfType<string>().Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>Outside Demo, throws one message naming each of these settings (configuration keys) that is not a real secret.</summary>
    public static void RequireSecrets(this IHostApplicationBuilder builder, params IEnumerable<string> keys)
    {
        if (builder.Environment.IsDemo()) return;
        var demo = DemoValues(builder.Environment);
        var unfit = keys.Select(key => Unfit(key, builder.Configuration[key], demo)).OfType<string>().ToList();
        if (unfit.Count > 0)
            throw new InvalidOperationException(
                $"Refusing to start in the {builder.Environment.EnvironmentName} environment: {string.Join("; ", unfit)}. " +
                $"Give each secret at least {MinimumLength} random characters through configuration (an environment variable " +
                $"such as {unfit[0].Split(' ')[0].Replace(":", "__", StringComparison.Ordinal)}); the demo values work only in the {DemoEnvironment} environment.");
    }

    static string? Unfit(string key, string? value, IReadOnlySet<string> demo) =>
        string.IsNullOrEmpty(value) ? $"{key} is empty"
        : demo.Contains(value) ? $"{key} is a published demo value"
        : value.Length < MinimumLength ? $"{key} is shorter than {MinimumLength} characters"
        : null;
}
