namespace PublicServices.Catalog.Data;

/// <summary>
/// A fee or charge (phí, lệ phí) in VND, and when it is paid: <see cref="AtSubmission"/> (with the dossier) or
/// <see cref="BeforeResult"/> (once decided, before the result is handed over). Fees stored before this field
/// existed read as due at submission.
/// </summary>
public sealed record Fee(string Code, string NameVi, string NameEn, long Amount, string Due = Fee.AtSubmission)
{
    public const string AtSubmission = "submission";
    public const string BeforeResult = "result";
}
