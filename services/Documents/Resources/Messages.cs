namespace PublicServices.Documents.Resources;

/// <summary>
/// The documents service's texts for people (Messages.resx in Vietnamese, Messages.en.resx in English): problem titles
/// and field messages. Read through <c>IStringLocalizer&lt;Messages&gt;</c> in the request's language.
/// </summary>
public sealed class Messages;
