namespace PublicServices.WebUi;

/// <summary>One choice of a radio group or a list.</summary>
public sealed record Choice(string Value, string Label);

/// <summary>
/// One question of a form as the <c>_Field</c> partial renders it: label, hint, the messages of a failed post and the
/// value the person typed (kept when the form comes back). <see cref="Choices"/> makes it a radio group (a list when long).
/// </summary>
public sealed record FieldView(string Name, string Label, string Type = "text", string? Value = null, string? Hint = null,
    string? Autocomplete = null, string? InputMode = null, bool Required = false, IReadOnlyList<Choice>? Choices = null,
    IReadOnlyList<string>? Errors = null, int? MaxLength = null)
{
    /// <summary>The element id: the name with characters an id selector would trip on replaced.</summary>
    public string Id => IdFor(Name);

    public bool HasErrors => Errors is { Count: > 0 };

    /// <summary>Radios up to this many choices, a drop-down list beyond (easier to scan on a phone).</summary>
    public const int MaxRadios = 6;

    public static string IdFor(string name) => "f-" + new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}

/// <summary>A message of a failed post, for the error summary: the field it belongs to (null: the whole form).</summary>
public sealed record ErrorLink(string? Field, string Message);
