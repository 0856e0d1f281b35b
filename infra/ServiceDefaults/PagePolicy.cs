namespace PublicServices.ServiceDefaults;

/// <summary>The Content-Security-Policy of the HTML pages: everything from the site itself, nothing inline.</summary>
public static class PagePolicy
{
    /// <summary>
    /// The policy the gateway adds to pages that carry none; <paramref name="formTarget"/> is one more origin a form may
    /// post to (the portal's pay form, whose answer redirects to the payment provider).
    /// </summary>
    public static string ContentSecurityPolicy(string? formTarget = null) =>
        "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; "
        + $"form-action 'self'{(string.IsNullOrEmpty(formTarget) ? "" : " " + formTarget)}; img-src 'self' data:; style-src 'self'; script-src 'self'";
}
