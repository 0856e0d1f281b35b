using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// RFC 9457 answers. Titles and messages come from the caller's resources in the request's language; answers without
/// a title of their own (validation, 403, 404, …) get the shared one for their status (see AddServiceDefaults).
/// </summary>
public static class Problems
{
    /// <summary>A problem with its own title (already in the request's language).</summary>
    public static ProblemHttpResult Problem(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>400 with field-level messages, keyed like the JSON (or query) the caller sent.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    /// <summary>400 with one field's message.</summary>
    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>404 titled for what was not found.</summary>
    public static ProblemHttpResult NotFound(string title, string? detail = null) => Problem(StatusCodes.Status404NotFound, title, detail);

    /// <summary>403 with the shared title.</summary>
    public static ProblemHttpResult Forbidden() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden);
}
