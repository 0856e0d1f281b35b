using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages;

/// <summary>
/// The public check of a result document (the QR code on the PDF leads here): anyone, signed in or not, sees whether
/// the stored result is intact and signed, and by whom, and can check a PDF they were given (the upload is streamed to
/// the documents service by <see cref="Apis.FileEndpoints"/>, whose answer comes back here in TempData).
/// </summary>
public sealed class VerifyModel(IDocumentsClient documents, ILogger<VerifyModel> log, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public Guid? Id { get; private set; }

    /// <summary>The stored result's check; null when there was no id or the check could not be made.</summary>
    public Verification? Stored { get; private set; }

    public bool Unavailable { get; private set; }

    /// <summary>The answer about an uploaded file, shown once after the upload.</summary>
    public Verification? Uploaded { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        Id = id;
        if (TempData[Apis.FileEndpoints.VerifyAnswerKey] is string answer)
            Uploaded = JsonSerializer.Deserialize<Verification>(answer, JsonSerializerOptions.Web);
        if (TempData[Apis.FileEndpoints.VerifyErrorKey] is string error)
            AddError("file", error);
        if (id is { } resultId)
        {
            try
            {
                var checkedResult = await documents.VerificationAsync(resultId, HttpContext.RequestAborted);
                // An unknown id is simply not a valid result.
                Stored = checkedResult.Content ?? (checkedResult.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest
                    ? new Verification("not-valid", null, null, null) : null);
                Unavailable = Stored is null;
            }
            catch (Exception e) when (Unreachable(e))
            {
                log.LogWarning(e, "The documents service could not be reached to verify result {Result}", resultId);
                Unavailable = true;
            }
        }
        return Errors.Count > 0 ? Invalid() : Page();
    }
}
