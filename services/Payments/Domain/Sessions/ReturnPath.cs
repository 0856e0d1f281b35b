namespace PublicServices.Payments.Domain.Sessions;

/// <summary>
/// The portal page a browser comes back to after paying: a path of the portal only, never another site (an open
/// redirect would let a phishing page borrow our address). Absolute URLs, scheme-relative "//host", backslashes (which
/// browsers read as slashes), control characters and encoded slashes are refused.
/// </summary>
public static class ReturnPath
{
    public static bool IsValid(string path) =>
        path.Length is > 0 and <= Data.PaymentLimits.ReturnPathMaxLength
        && path[0] == '/'
        && (path.Length == 1 || path[1] is not ('/' or '\\'))
        && !path.Any(c => char.IsControl(c) || c is '\\' || char.IsWhiteSpace(c))
        && !path.Contains("%2f", StringComparison.OrdinalIgnoreCase) && !path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
        && !path.Contains('#', StringComparison.Ordinal)
        && Uri.TryCreate(path, UriKind.Relative, out _);

    /// <summary>The path with the outcome for the portal to show: <c>payment=paid|pending|failed|expired|invalid</c> and the session.</summary>
    public static string WithOutcome(string path, string outcome, Guid? session) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "payment=" + outcome + (session is { } id ? "&session=" + id.ToString("D") : "");
}
