namespace PublicServices.PaymentSandbox.Protocol;

/// <summary>
/// Why the sandbox refuses a request of its page or test controls: a code (shown on the page and in problems, and the
/// key of its text, "Refusal.&lt;code&gt;", in Resources/Messages.resx), the HTTP status, and what the text names.
/// </summary>
public sealed record Refusal(string Code, int Status, string Argument = "")
{
    public const string MissingField = "missing-field";
    public const string DuplicateField = "duplicate-field";
    public const string UnknownMerchant = "unknown-merchant";
    public const string InvalidSignature = "invalid-signature";
    public const string InvalidVersion = "invalid-version";
    public const string InvalidCommand = "invalid-command";
    public const string InvalidCurrency = "invalid-currency";
    public const string InvalidLocale = "invalid-locale";
    public const string InvalidAmount = "invalid-amount";
    public const string InvalidDate = "invalid-date";
    public const string Expired = "expired";
    public const string InvalidReturnUrl = "invalid-return-url";
    public const string DuplicateTransaction = "duplicate-transaction";
    public const string AlreadyFinished = "already-finished";
    public const string UnknownTransaction = "unknown-transaction";
    public const string AmbiguousTransaction = "ambiguous-transaction";
    public const string ReferenceMismatch = "reference-mismatch";

    public string TextKey => "Refusal." + Code;

    public static Refusal BadRequest(string code, string argument = "") => new(code, StatusCodes.Status400BadRequest, argument);
}
