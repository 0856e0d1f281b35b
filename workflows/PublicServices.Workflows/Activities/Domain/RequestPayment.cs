using System.Globalization;
using System.Text.Json.Nodes;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Activities.Domain;

/// <summary>
/// <c>PublicServices.RequestPayment</c>: asks for the fee <c>amount</c> (VND; status 6 and a
/// <c>PaymentRequested.v1</c> effect) and waits for <c>PaymentReceived</c>. A payment below the amount keeps it
/// waiting. Port: "Paid".
/// </summary>
public sealed class RequestPayment : WorkflowActivity
{
    static readonly IReadOnlyList<string> PaidPort = ["Paid"];

    /// <inheritdoc />
    public override string Type => "PublicServices.RequestPayment";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(ActivityNode node) => PaidPort;

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        var amount = node.Input("amount");
        if (amount is null || (amount.Type == InputExpression.Literal && ValueConvert.ToDecimal(amount.Value) is not > 0))
            yield return Problem(node, "Yêu cầu thanh toán phải có số tiền (amount) lớn hơn 0.", "The payment request needs an amount above 0.");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var amount = Amount(context);
        var note = context.GetText("note") ?? $"Phí, lệ phí: {amount.ToString("N0", CultureInfo.InvariantCulture)} VND";
        context.SetDossierStatus(6);
        context.Emit(EffectTypes.DossierStatusChanged, context.DossierStatusPayload(6, note: note));
        context.Emit(EffectTypes.PaymentRequested, new JsonObject
        {
            ["dossierId"] = context.CorrelationId,
            ["code"] = context.DossierCode,
            ["agencyCode"] = context.AgencyCode,
            ["amount"] = amount,
            ["currency"] = "VND",
            ["note"] = note,
        });
        context.Record("amount", amount);
        return ActivityResult.Suspend(new EventWait(WorkflowEvents.PaymentReceived));
    }

    /// <summary>Payload: <c>PaymentReceived.v1</c> (paymentId, dossierId, amount, currency, provider, …, paidAt).</summary>
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        var amount = Amount(context);
        var paid = ValueConvert.ToDecimal(payload?["amount"]) ?? 0;
        context.Record("paid", paid);
        if (paid < amount)
        {
            context.Record("underpaid", true);
            return ActivityResult.Suspend(new EventWait(WorkflowEvents.PaymentReceived));
        }
        context.SetLastEvent(payload as JsonObject);
        return ActivityResult.Continue("Paid");
    }

    static long Amount(ActivityContext context) =>
        context.GetDecimal("amount") is { } a && a > 0 ? (long)decimal.Ceiling(a)
            : throw new InvalidOperationException($"Payment request '{context.Activity.Id}' has no positive amount.");
}
