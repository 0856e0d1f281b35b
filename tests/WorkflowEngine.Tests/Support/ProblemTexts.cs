using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>The wording of validation problems as the workflow service gives it: from the resources, in a language.</summary>
public static class ProblemTexts
{
    /// <summary>The localizers a host gets from <c>AddLocalization()</c>.</summary>
    static readonly ResourceManagerStringLocalizerFactory Localizers =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>The problem's text in Vietnamese (the neutral resources).</summary>
    public static string Vietnamese(this ValidationProblem problem) => In(problem, "vi");

    /// <summary>The problem's text in English.</summary>
    public static string English(this ValidationProblem problem) => In(problem, "en");

    static string In(ValidationProblem problem, string culture)
    {
        using var _ = PublicServices.Testing.Localizers.Culture(culture);
        return problem.Message(Localizers);
    }
}
