using PublicServices.Payments.Data;

namespace PublicServices.Payments.Domain.Sessions;

/// <summary>The body of POST …/sessions: the provider's page language (vn or en) and the portal path to come back to.</summary>
public sealed record StartSessionRequest(string? Locale, string? ReturnUrl);

public sealed record SessionStarted(Guid SessionId, string RedirectUrl, DateTimeOffset ExpiresAt);

/// <summary>A session's state for the polling portal; <c>message</c> says it in the caller's language.</summary>
public sealed record SessionDto(Guid SessionId, Guid InvoiceId, long Amount, string Status, DateTimeOffset ExpiresAt, DateTimeOffset? PaidAt, string Message);

public static class SessionStates
{
    /// <summary>The state shown: a pending session past its expiry is expired, though reconciliation has not confirmed it yet.</summary>
    public static string Of(PaymentSession s, DateTimeOffset now) => s.Status switch
    {
        SessionStatus.Pending when now >= s.ExpiresAt => "expired",
        SessionStatus.Pending => "pending",
        SessionStatus.Paid or SessionStatus.Duplicate => "paid",
        SessionStatus.Failed => "failed",
        _ => "expired",
    };
}
