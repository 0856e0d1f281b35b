using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>Assertions on validation problems: by activity and text key, and on the wording people read.</summary>
public static class ProblemAssert
{
    /// <summary>
    /// The one problem of <paramref name="activityId"/> with <paramref name="key"/>; where the wording matters, its
    /// English text contains <paramref name="english"/>, and it has a Vietnamese text of its own.
    /// </summary>
    public static ValidationProblem Has(IReadOnlyList<ValidationProblem> problems, string? activityId, string key, string? english = null)
    {
        var problem = Assert.Single(problems, p => p.ActivityId == activityId && p.Key == key);
        if (english is null) return problem;
        Assert.Contains(english, problem.English(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Vietnamese()));
        Assert.NotEqual(problem.English(), problem.Vietnamese());
        return problem;
    }
}
