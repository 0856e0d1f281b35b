using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.Notifications.Resources;

namespace PublicServices.Notifications.Domain;

/// <summary>A message ready to send: subject, plain text, and the same text as simple HTML for e-mail.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>
/// The templates, one per kind of event, written in the resource files (<c>Template.&lt;name&gt;.Subject</c> and
/// <c>.Text</c>, Vietnamese and English) so that a translator needs no C#. Every template takes the same arguments,
/// filled from the event's data: {0} the dossier code, {1} the procedure's name, {2} the reason, {3} the amount
/// ("200.000 ₫"), {4} the due date and {5} the new due date (Vietnam time), {6} the agency code and {7} the role.
/// </summary>
public static class MessageTemplates
{
    /// <summary>Each template by the exact name the workflow sends, with the data it cannot do without.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["dossier-received"] = ["code"],
        ["supplement-requested"] = ["code", "reason"],
        ["payment-required"] = ["code", "amount"],
        ["payment-received"] = ["code", "amount"],
        ["result-ready"] = ["code"],
        ["apology"] = ["code", "newDueAt"],
        // HumanTask.Escalated: the officers of a role at an agency, about a task past its budget.
        ["task-overdue"] = ["dossierCode", "agencyCode", "role"],
    };

    static readonly ResourceManager Resources = new(typeof(Messages));

    /// <summary>Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset needs no time-zone database.</summary>
    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The data fields a template needs that the event lacks (or that do not read as their kind), as "data.&lt;name&gt;".</summary>
    public static IEnumerable<string> Missing(string template, JsonObject data) =>
        Required[template].Where(field => Value(data, field) is null || (field == "amount" && Amount(data) is null)
            || (field.EndsWith("At", StringComparison.Ordinal) && Instant(data, field) is null)).Select(f => "data." + f);

    public static RenderedMessage Render(string template, string language, JsonObject data)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        object[] args =
        [
            Value(data, "code") ?? Value(data, "dossierCode") ?? "",
            ProcedureName(data, language),
            Value(data, "reason") ?? "",
            Amount(data) is { } amount ? FormatAmount(amount) : "",
            FormatInstant(Instant(data, "dueAt")),
            FormatInstant(Instant(data, "newDueAt")),
            Value(data, "agencyCode") ?? "",
            Value(data, "role") ?? "",
        ];
        var subject = string.Format(culture, Text($"Template.{template}.Subject", culture), args);
        var text = string.Format(culture, Text($"Template.{template}.Text", culture), args);
        return new RenderedMessage(subject, text, Html(text, language));
    }

    /// <summary>"200.000 ₫": the Vietnamese grouping in both languages, as on the fee schedules and receipts.</summary>
    public static string FormatAmount(decimal amount) =>
        amount.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.') + " \u20AB";

    /// <summary>"dd/MM/yyyy HH:mm" in Vietnam time.</summary>
    public static string FormatInstant(DateTimeOffset? at) =>
        at is { } t ? t.ToOffset(VietnamOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"The template text {key} is missing.");

    static string? Value(JsonObject data, string field) => data[field] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s : null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    static decimal? Amount(JsonObject data) => data["amount"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && v.TryGetValue<decimal>(out var amount) && amount >= 0 ? amount : null;

    static DateTimeOffset? Instant(JsonObject data, string field) =>
        data[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>The procedure's name in the message's language: <c>procedureName</c> as {vi, en} or as one text.</summary>
    static string ProcedureName(JsonObject data, string language) => data["procedureName"] switch
    {
        JsonObject names => (names[language] ?? names["vi"] ?? names["en"]) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => "",
    };

    /// <summary>The text as HTML paragraphs; every character of it encoded, so a value from the event cannot become markup.</summary>
    static string Html(string text, string language)
    {
        var html = new StringBuilder().Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><body>");
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            html.Append("<p>").Append(string.Join("<br>", paragraph.Split('\n').Select(WebUtility.HtmlEncode))).Append("</p>");
        return html.Append("</body></html>").ToString();
    }
}
