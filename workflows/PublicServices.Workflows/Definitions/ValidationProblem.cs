namespace PublicServices.Workflows.Definitions;

/// <summary>One reason a definition cannot be published, in Vietnamese and English.</summary>
/// <param name="ActivityId">The activity concerned, or null for the definition as a whole.</param>
public sealed record ValidationProblem(string? ActivityId, string MessageVi, string MessageEn)
{
    /// <summary>The message in the requested language ("en…" → English, anything else → Vietnamese).</summary>
    public string Message(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? MessageEn : MessageVi;
}
