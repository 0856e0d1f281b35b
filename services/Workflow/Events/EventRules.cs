using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Events;
using PublicServices.Workflow.Resources;

namespace PublicServices.Workflow.Events;

/// <summary>Field checks of the event payloads this service consumes, keyed like the JSON.</summary>
public static class EventRules
{
    public static Dictionary<string, string[]> Check(DossierSubmittedV1 e, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) errors["payload.dossierId"] = [text["Event.DossierIdRequired"]];
        if (string.IsNullOrWhiteSpace(e.ProcedureCode)) errors["payload.procedureCode"] = [text["Event.ProcedureCodeRequired"]];
        if (string.IsNullOrWhiteSpace(e.Code)) errors["payload.code"] = [text["Event.DossierCodeRequired"]];
        // The event carries the procedure as it was submitted: the workflow needs no catalog to start.
        if (string.IsNullOrWhiteSpace(e.AgencyCode)) errors["payload.agencyCode"] = [text["Event.AgencyRequired"]];
        if (e.StatutoryWorkingDays is null or < 0) errors["payload.statutoryWorkingDays"] = [text["Event.StatutoryDaysRequired"]];
        return errors;
    }

    public static Dictionary<string, string[]> Check(DossierWithdrawnV1 e, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) errors["payload.dossierId"] = [text["Event.DossierIdRequired"]];
        return errors;
    }

    public static Dictionary<string, string[]> Check(SupplementSubmittedV1 e, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) errors["payload.dossierId"] = [text["Event.DossierIdRequired"]];
        if (e.SupplementId == Guid.Empty) errors["payload.supplementId"] = [text["Event.SupplementIdRequired"]];
        return errors;
    }

    public static Dictionary<string, string[]> Check(PaymentReceivedV1 e, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) errors["payload.dossierId"] = [text["Event.DossierIdRequired"]];
        if (e.PaymentId == Guid.Empty) errors["payload.paymentId"] = [text["Event.PaymentIdRequired"]];
        if (e.Amount <= 0) errors["payload.amount"] = [text["Event.AmountPositive"]];
        if (!string.Equals(e.Currency, "VND", StringComparison.Ordinal)) errors["payload.currency"] = [text["Event.CurrencyVnd"]];
        return errors;
    }

    public static Dictionary<string, string[]> Check(ResultIssuedV1 e, IStringLocalizer<Messages> text) => ResultErrors(e.DossierId, e.ResultId, text);

    public static Dictionary<string, string[]> Check(ResultDeliveredV1 e, IStringLocalizer<Messages> text)
    {
        var errors = ResultErrors(e.DossierId, e.ResultId, text);
        if (e.How is not ("downloaded" or "post")) errors["payload.how"] = [text["Event.DeliveryHow"]];
        return errors;
    }

    static Dictionary<string, string[]> ResultErrors(Guid dossierId, Guid resultId, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (dossierId == Guid.Empty) errors["payload.dossierId"] = [text["Event.DossierIdRequired"]];
        if (resultId == Guid.Empty) errors["payload.resultId"] = [text["Event.ResultIdRequired"]];
        return errors;
    }
}
