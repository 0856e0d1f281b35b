namespace PublicServices.Catalog.Resources;

/// <summary>
/// The catalog's texts for people (problem titles, field messages), in Messages.resx (Vietnamese) and
/// Messages.en.resx (English). Read through <c>IStringLocalizer&lt;Messages&gt;</c>.
/// </summary>
public sealed class Messages;
