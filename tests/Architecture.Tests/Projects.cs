using System.Reflection;

namespace PublicServices.Architecture.Tests;

/// <summary>The production assemblies and the repository they are built from.</summary>
static class Projects
{
    public const string EngineName = "PublicServices.WorkflowEngine";
    public const string OneStopName = "PublicServices.OneStop";

    /// <summary>The services under services/ (each one ASP.NET Core project), by folder name.</summary>
    public static readonly string[] Services = ["Identity", "Catalog", "Documents", "Dossiers", "Workflow", "Payments", "Notifications", "Web"];

    /// <summary>
    /// Every production assembly (the project references put them next to this one), by name, and the payment sandbox:
    /// a test double, but a deployed process held to the same shape.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Assembly> All =
        new[] { "PublicServices.ServiceDefaults", "PublicServices.Contracts", "PublicServices.WebUi", EngineName, OneStopName, "PublicServices.Gateway",
                "PublicServices.PaymentSandbox" }
            .Concat(Services.Select(s => "PublicServices." + s))
            .ToDictionary(name => name, name => Assembly.Load(name), StringComparer.Ordinal);

    /// <summary>The repository's root (where PublicServices.sln is).</summary>
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PublicServices.sln"))) return dir.FullName;
        throw new InvalidOperationException("PublicServices.sln not found above " + AppContext.BaseDirectory);
    }
}
