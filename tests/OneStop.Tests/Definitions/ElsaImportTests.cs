using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.WorkflowEngine;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.OneStop.Tests.Definitions;

/// <summary>
/// The README's list of the activity types an Elsa export may use is what a host of the engine and the one-stop module
/// registers (the engine's tests show each import rule on its fixtures).
/// </summary>
public partial class ElsaImportTests
{
    [Fact]
    public void The_supported_activity_types_are_exactly_those_the_README_lists()
    {
        var services = new ServiceCollection().AddWorkflowEngine<TestDb>().AddOneStopWorkflows().BuildServiceProvider();
        var registered = services.GetRequiredService<ActivityRegistry>().All.Select(a => a.Type).Order(StringComparer.Ordinal);

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var rule = readme[readme.IndexOf("- only the activity types", StringComparison.Ordinal)..];
        rule = rule[..rule.IndexOf(";\n", StringComparison.Ordinal)];
        var listed = TypeName().Matches(rule).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(registered, listed);
    }

    [GeneratedRegex(@"`((?:Elsa|PublicServices)\.[A-Za-z]+)`")]
    private static partial Regex TypeName();

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PublicServices.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (PublicServices.sln) was not found above " + AppContext.BaseDirectory);
    }
}
