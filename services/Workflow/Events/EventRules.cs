namespace PublicServices.Workflow.Events;

/// <summary>Field checks of the event payloads this service consumes (messages vi/en, keyed like the JSON).</summary>
public static class EventRules
{
    public static Dictionary<string, string[]> Check(DossierSubmittedV1 e)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) Add(errors, "payload.dossierId", "Mã hồ sơ là bắt buộc.", "The dossier id is required.");
        if (string.IsNullOrWhiteSpace(e.ProcedureCode)) Add(errors, "payload.procedureCode", "Mã thủ tục là bắt buộc.", "The procedure code is required.");
        if (string.IsNullOrWhiteSpace(e.Code)) Add(errors, "payload.code", "Số hồ sơ là bắt buộc.", "The dossier code is required.");
        if (e.StatutoryWorkingDays < 0)
            Add(errors, "payload.statutoryWorkingDays", "Số ngày làm việc theo quy định không được âm.", "The statutory working days cannot be negative.");
        return errors;
    }

    public static Dictionary<string, string[]> Check(SupplementSubmittedV1 e)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) Add(errors, "payload.dossierId", "Mã hồ sơ là bắt buộc.", "The dossier id is required.");
        if (e.SupplementId == Guid.Empty) Add(errors, "payload.supplementId", "Mã bổ sung là bắt buộc.", "The supplement id is required.");
        return errors;
    }

    public static Dictionary<string, string[]> Check(PaymentReceivedV1 e)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (e.DossierId == Guid.Empty) Add(errors, "payload.dossierId", "Mã hồ sơ là bắt buộc.", "The dossier id is required.");
        if (e.PaymentId == Guid.Empty) Add(errors, "payload.paymentId", "Mã thanh toán là bắt buộc.", "The payment id is required.");
        if (e.Amount <= 0) Add(errors, "payload.amount", "Số tiền phải lớn hơn 0.", "The amount must be above 0.");
        if (!string.Equals(e.Currency, "VND", StringComparison.Ordinal))
            Add(errors, "payload.currency", "Đơn vị tiền tệ phải là VND.", "The currency must be VND.");
        return errors;
    }

    static void Add(Dictionary<string, string[]> errors, string field, string vi, string en) =>
        errors[field] = [ServiceDefaults.Problems.Text(vi, en)];
}
