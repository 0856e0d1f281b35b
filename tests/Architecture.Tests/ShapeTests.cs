using System.Reflection;

namespace PublicServices.Architecture.Tests;

/// <summary>Every service has the shape docs/architecture.md describes, so a rule is found in the same place in each.</summary>
public class ShapeTests
{
    public static TheoryData<string> Services => [.. Projects.Services];

    static string Folder(string service) => Path.Combine(Projects.Root, "services", service);

    [Theory, MemberData(nameof(Services))]
    public void A_service_has_its_program_its_composition_class_and_the_standard_folders(string service)
    {
        var folder = Folder(service);
        var missing = new[] { "Apis", "Domain", "Data", Path.Combine("Data", "Migrations"), "Resources" }
            .Where(f => !Directory.Exists(Path.Combine(folder, f)));
        Assert.Empty(missing);
        Assert.True(File.Exists(Path.Combine(folder, "Resources", "Messages.resx")), "Resources/Messages.resx");
        Assert.True(File.Exists(Path.Combine(folder, "Resources", "Messages.en.resx")), "Resources/Messages.en.resx");

        // At the root only the program, the composition class and the options.
        var rootFiles = Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.All(rootFiles, f => Assert.Contains(f, new[] { "Program.cs", $"{service}Service.cs", $"{service}Options.cs" }));
    }

    [Theory, MemberData(nameof(Services))]
    public void A_service_is_composed_by_AddNameService_and_MapNameService(string service)
    {
        var composition = Projects.All["PublicServices." + service].GetType($"PublicServices.{service}.{service}Service");

        Assert.NotNull(composition);
        Assert.True(composition.IsAbstract && composition.IsSealed, "a static class");
        var methods = composition.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains($"Add{service}Service", methods);
        Assert.Contains($"Map{service}Service", methods);
    }

    [Theory, MemberData(nameof(Services))]
    public void A_program_reads_like_a_table_of_contents(string service)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder(service), "Program.cs")).Count(l => !string.IsNullOrWhiteSpace(l));

        Assert.InRange(lines, 1, 20);
    }

    [Theory, MemberData(nameof(Services))]
    public void Migrations_live_only_in_Data_Migrations(string service)
    {
        var folder = Folder(service);
        var elsewhere = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var code && (code.Contains("[Migration(\"", StringComparison.Ordinal) || code.Contains(": ModelSnapshot", StringComparison.Ordinal)))
            .Where(f => Path.GetDirectoryName(f) != Path.Combine(folder, "Data", "Migrations"));

        Assert.Empty(elsewhere);
    }
}
