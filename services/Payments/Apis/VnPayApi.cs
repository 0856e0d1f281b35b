using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Sessions;
using PublicServices.Payments.Domain.Settling;
using PublicServices.Payments.Providers.VnPay;

namespace PublicServices.Payments.Apis;

/// <summary>
/// VNPay's two callbacks, anonymous and signed. The IPN (server to server) is the only source of truth; the browser's
/// return only shows where things stand and never records a payment.
/// </summary>
public static class VnPayApi
{
    public static IEndpointRouteBuilder MapVnPayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payments/vnpay").WithTags("VNPay").AllowAnonymous();
        api.MapGet("/ipn", Ipn);
        api.MapGet("/return", Return);
        return app;
    }

    /// <summary>The IPN's answer, in VNPay's own casing.</summary>
    public sealed record IpnReply([property: JsonPropertyName("RspCode")] string RspCode, [property: JsonPropertyName("Message")] string Message);

    static readonly IpnReply Confirmed = new("00", "Confirm Success");
    static readonly IpnReply UnknownOrder = new("01", "Order not found");
    static readonly IpnReply AlreadyConfirmed = new("02", "Order already confirmed");
    static readonly IpnReply WrongAmount = new("04", "Invalid amount");
    static readonly IpnReply BadSignature = new("97", "Invalid signature");
    static readonly IpnReply Other = new("99", "Unknown error");

    static async Task<IResult> Ipn(HttpRequest request, VnPayClient vnpay, Settlement settlement, ILogger<VnPayClient> log, CancellationToken cancel)
    {
        var parameters = Parameters(request);
        if (!vnpay.Verify(parameters))
        {
            // Nothing is stored for a forged or garbled call: a log line is all.
            log.LogWarning("VNPay IPN with a bad signature from {Address} for order {TxnRef}", request.HttpContext.Connection.RemoteIpAddress,
                Value(parameters, "vnp_TxnRef"));
            return Reply(BadSignature);
        }
        var txnRef = Value(parameters, "vnp_TxnRef");
        if (string.IsNullOrEmpty(txnRef))
            return Reply(UnknownOrder);
        if (!long.TryParse(Value(parameters, "vnp_Amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return Reply(WrongAmount);
        var report = new ProviderReport(txnRef, amount, Value(parameters, "vnp_TmnCode") ?? "", Value(parameters, "vnp_CurrCode"),
            Value(parameters, "vnp_ResponseCode") ?? "", Value(parameters, "vnp_TransactionStatus"), Value(parameters, "vnp_TransactionNo"),
            Value(parameters, "vnp_BankCode"), VnPaySignature.ParseDate(Value(parameters, "vnp_PayDate")));
        try
        {
            return Reply(await settlement.SettleAsync(report, "ipn", cancel) switch
            {
                SettleOutcome.Recorded => Confirmed,
                SettleOutcome.AlreadySettled => AlreadyConfirmed,
                SettleOutcome.UnknownOrder => UnknownOrder,
                _ => WrongAmount,
            });
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException && !cancel.IsCancellationRequested)
        {
            // 99 makes the provider call again later; nothing was committed.
            log.LogError(e, "VNPay IPN for order {TxnRef} failed", txnRef);
            return Reply(Other);
        }
    }

    static async Task<IResult> Return(HttpRequest request, VnPayClient vnpay, PaymentsDb db, IOptions<PaymentsOptions> options, TimeProvider clock,
        CancellationToken cancel)
    {
        var parameters = Parameters(request);
        var fallback = options.Value.DefaultReturnPath;
        if (!vnpay.Verify(parameters) || Value(parameters, "vnp_TxnRef") is not { Length: > 0 } txnRef)
            return Results.Redirect(ReturnPath.WithOutcome(fallback, "invalid", null));
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.TxnRef == txnRef, cancel);
        if (session is null)
            return Results.Redirect(ReturnPath.WithOutcome(fallback, "invalid", null));
        // Only the IPN (or reconciliation) settles: paid shows only when it has; a browser claiming success sees pending.
        var state = SessionStates.Of(session, clock.GetUtcNow());
        if (state == "pending" && Value(parameters, "vnp_ResponseCode") is { } code && code != "00")
            state = "failed";
        return Results.Redirect(ReturnPath.WithOutcome(session.ReturnPath, state, session.Id));
    }

    static IResult Reply(IpnReply reply) => Results.Json(reply);

    static List<KeyValuePair<string, string>> Parameters(HttpRequest request) =>
        [.. request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()))];

    static string? Value(List<KeyValuePair<string, string>> parameters, string key) =>
        parameters.FirstOrDefault(p => p.Key == key).Value;
}
