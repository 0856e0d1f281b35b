namespace PublicServices.Web;

/// <summary>The web front end's settings (section "Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>This front end's client at the identity service (confidential: the secret never leaves the server).</summary>
    public string ClientId { get; set; } = "web";
    public string ClientSecret { get; set; } = "";
    /// <summary>How long a session lasts without use; each request slides it.</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(2);
    /// <summary>The largest upload the front end passes on (the documents service applies each requirement's own limit).</summary>
    public long UploadBytes { get; set; } = 1_288_490_188;
    /// <summary>The largest attachment of an officer's decision, as the task page states it; the documents service enforces its own Documents:OfficerFileBytes.</summary>
    public long OfficerFileBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>Production refuses an officer without a second factor (TOTP); development lets them in.</summary>
    public bool RequireOfficerTotp { get; set; }

    /// <summary>
    /// The payment provider's origin (scheme://host[:port] of its pay page). A dossier page with a fee to pay names it in
    /// its Content-Security-Policy's form-action, since the pay form's answer redirects there; empty: none added.
    /// </summary>
    public string PaymentPageOrigin { get; set; } = "";
}
