using System.Security.Claims;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain.Results;
using PublicServices.Documents.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Messaging;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Documents.Events;

/// <summary>
/// Issues the result a <c>ResultRequested.v1</c> asks for (<see cref="ResultIssuer"/>): one per dossier, a repeat answers
/// with the existing one and sends nothing. A malformed request is refused for good (400); a catalog that cannot be
/// asked, or an agency without a signing certificate outside Demo, answers 503 so the workflow retries.
/// </summary>
public sealed class ResultRequestedHandler(ResultIssuer issuer, IStringLocalizer<Messages> text, IStringLocalizer<SharedMessages> shared)
    : IEventConsumer
{
    public IReadOnlyCollection<string> Types { get; } = [ResultRequestedV1.Type];

    public async Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel)
    {
        var request = envelope.PayloadAs<ResultRequestedV1>();
        if (request is null)
            return Problems.Validation("payload", shared["Event.PayloadShape"]);
        var errors = Errors(request);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        return await issuer.IssueAsync(envelope, request, cancel) switch
        {
            IssueOutcome.Issued(var result) => TypedResults.Ok(new RequestHandled("issued", result.Id)),
            IssueOutcome.Existing(var result) => TypedResults.Ok(new RequestHandled("duplicate", result.Id)),
            IssueOutcome.NoCertificate(var agency) => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Result.NoCertificate"],
                $"{ResultsOptions.Section}:Certificates:{agency}"),
            _ => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Catalog.Unavailable"]),
        };
    }

    Dictionary<string, string[]> Errors(ResultRequestedV1 request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.DossierId == Guid.Empty)
            errors["payload.dossierId"] = [text["Result.Request.DossierId"]];
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 100)
            errors["payload.code"] = [text["Result.Request.Code"]];
        if (string.IsNullOrWhiteSpace(request.ProcedureCode) || request.ProcedureCode.Length > 50)
            errors["payload.procedureCode"] = [text["Result.Request.ProcedureCode"]];
        if (string.IsNullOrWhiteSpace(request.AgencyCode) || request.AgencyCode.Length > 50)
            errors["payload.agencyCode"] = [text["Attach.AgencyCodeInvalid"]];
        if (string.IsNullOrWhiteSpace(request.ApplicantId) || request.ApplicantId.Length > 200)
            errors["payload.applicantId"] = [text["Result.Request.ApplicantId"]];
        if (string.IsNullOrWhiteSpace(request.Decision) || request.Decision.Length > 50)
            errors["payload.decision"] = [text["Result.Request.Decision"]];
        if (request.Note is { Length: > ResultLimits.Note })
            errors["payload.note"] = [text["Result.Request.Note", ResultLimits.Note]];
        if (request.DeliveryMethod is not (null or ResultDelivery.Online or ResultDelivery.Post))
            errors["payload.deliveryMethod"] = [text["Result.Request.DeliveryMethod"]];
        else if (request.DeliveryMethod == ResultDelivery.Post
            && (string.IsNullOrWhiteSpace(request.DeliveryAddress) || request.DeliveryAddress.Length > ResultLimits.Address))
            errors["payload.deliveryAddress"] = [text["Result.Request.DeliveryAddress"]];
        return errors;
    }

    public sealed record RequestHandled(string Outcome, Guid ResultId);
}
