using System.Reflection;

namespace PublicServices.Architecture.Tests;

public class DependencyTests
{
    public static TheoryData<string> Assemblies => [.. Projects.All.Keys];

    [Theory, MemberData(nameof(Assemblies))]
    public void No_folder_uses_a_folder_that_uses_it_back(string assembly)
    {
        var graph = NamespaceGraph.Of(Projects.All[assembly]);

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_engine_references_no_other_project_of_ours()
    {
        var ours = Projects.All[Projects.EngineName].GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.StartsWith("PublicServices.", StringComparison.Ordinal));

        Assert.Empty(ours);
    }

    [Fact]
    public void The_one_stop_module_references_only_the_engine_and_the_contracts()
    {
        var ours = Projects.All[Projects.OneStopName].GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name.StartsWith("PublicServices.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(["PublicServices.Contracts", Projects.EngineName], ours);
    }

    /// <summary>Words of the one-stop domain that have no place in the engine's names.</summary>
    static readonly string[] DomainWords = ["Dossier", "Agency", "Procedure", "Citizen", "Officer", "Statutory", "Supplement", "Payment", "Apology"];

    [Fact]
    public void The_engine_names_nothing_of_the_one_stop_domain()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var names = Projects.All[Projects.EngineName].GetTypes()
            .SelectMany(t => new[] { t.FullName! }.Concat(t.GetMembers(all).Select(m => $"{t.Name}.{m.Name}"))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => $"{t.Name}.{m.Name}({p.Name})"))));

        var domain = names.Where(n => DomainWords.Any(w => n.Contains(w, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();

        Assert.True(domain.Count == 0, string.Join("\n", domain));
    }
}
