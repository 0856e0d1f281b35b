using System.Globalization;
using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using Texts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.RequestPayment</c>: asks for the fee <c>amount</c> (VND; status "payment required" and a
/// <c>PaymentRequested.v1</c> effect) and waits for <c>PaymentReceived</c>. A payment below the amount keeps it
/// waiting. The applicant is told when payment is required and when it was received. Port: "Paid".
/// </summary>
public sealed class RequestPayment : OneStopActivity, IReportsDossierStatus
{
    static readonly IReadOnlyList<string> PaidPort = ["Paid"];

    /// <inheritdoc />
    public override string Type => "PublicServices.RequestPayment";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(ActivityNode node) => PaidPort;

    /// <inheritdoc />
    public DossierStatus? ReportedStatus(ActivityNode node) => DossierStatus.PaymentRequired;

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        var amount = node.Input("amount");
        if (amount is null || (amount.Type == InputExpression.Literal && ValueConvert.ToDecimal(amount.Value) is not > 0))
            yield return Problem(node, "Payment.NoAmount");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var amount = Amount(context);
        var note = context.GetText("note") ?? Texts.Record("Record.FeeNote", amount.ToString("N0", CultureInfo.InvariantCulture));
        DossierStatusReport.Report(context, DossierStatus.PaymentRequired, note: note);
        context.Emit(WorkflowEffects.PaymentRequested, new JsonObject
        {
            ["dossierId"] = context.CorrelationId,
            ["code"] = context.Reference,
            ["agencyCode"] = context.Unit,
            ["amount"] = amount,
            ["currency"] = "VND",
            ["note"] = note,
        });
        context.Record("amount", amount);
        Notify.Applicant(context, "payment-required", new JsonObject { ["amount"] = amount });
        return ActivityResult.Suspend(new EventWait(PaymentReceivedV1.EventName));
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
            return ActivityResult.Suspend(new EventWait(PaymentReceivedV1.EventName));
        }
        context.SetLastEvent(payload as JsonObject);
        Notify.Applicant(context, "payment-received", new JsonObject { ["amount"] = paid });
        return ActivityResult.Continue("Paid");
    }

    static long Amount(ActivityContext context) =>
        context.GetDecimal("amount") is { } a && a > 0 ? (long)decimal.Ceiling(a)
            : throw new InvalidOperationException($"Payment request '{context.Activity.Id}' has no positive amount.");
}
