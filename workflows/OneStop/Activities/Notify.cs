using System.Text.Json.Nodes;
using PublicServices.Contracts.Events;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.Notify</c>: asks the notification service to send <c>template</c> to <c>to</c> (default: the
/// applicant, <c>input.applicantId</c>) with <c>data</c>; the data always carries the dossier's <c>code</c>. Port: "Done".
/// </summary>
public sealed class Notify : OneStopActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.Notify";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.LacksText("template"))
            yield return Problem(node, "Notify.NoTemplate");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var template = context.GetText("template");
        if (string.IsNullOrWhiteSpace(template)) throw new InvalidOperationException($"Notify '{context.Activity.Id}' has no template.");
        var to = context.GetText("to") ?? ValueConvert.ToText(context.Input["applicantId"]);
        context.Emit(WorkflowEffects.NotificationRequested, Payload(context, template, to, context.GetObject("data") ?? []));
        context.Record("template", template);
        return ActivityResult.Done;
    }

    /// <summary>A <c>NotificationRequested.v1</c> payload.</summary>
    public static JsonObject Payload(ActivityContext context, string template, string? to, JsonObject data)
    {
        data["code"] ??= context.Reference;
        return new JsonObject
        {
            ["dossierId"] = context.CorrelationId,
            ["template"] = template,
            ["to"] = to,
            ["data"] = data,
        };
    }

    /// <summary>Asks for <paramref name="template"/> to the applicant, as the one-stop steps do at their moments.</summary>
    public static void Applicant(ActivityContext context, string template, JsonObject? data = null) =>
        context.Emit(WorkflowEffects.NotificationRequested, Payload(context, template, ValueConvert.ToText(context.Input["applicantId"]), data ?? []));
}
