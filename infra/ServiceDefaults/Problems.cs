using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PublicServices.ServiceDefaults;

/// <summary>RFC 9457 answers with a message in the caller's language (Vietnamese first, English second).</summary>
public static class Problems
{
    /// <summary>Picks the text for the current UI language.</summary>
    public static string Text(string vi, string en) => ServiceDefaultsExtensions.IsEnglish ? en : vi;

    public static ProblemHttpResult Problem(int status, string titleVi, string titleEn, string? detail = null,
        IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Text(titleVi, titleEn), extensions: extensions);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Text("Dữ liệu không hợp lệ", "The data is not valid"));

    public static ProblemHttpResult NotFound(string whatVi, string whatEn) =>
        Problem(StatusCodes.Status404NotFound, $"Không tìm thấy {whatVi}", $"{whatEn} was not found");

    public static ProblemHttpResult Forbidden() =>
        Problem(StatusCodes.Status403Forbidden, "Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this");
}
