namespace PublicServices.Identity.Resources;

/// <summary>
/// The identity service's texts for people (Messages.resx in Vietnamese, Messages.en.resx in English): problem titles,
/// the registration's field messages and the account pages. Read through <c>IStringLocalizer&lt;Messages&gt;</c>.
/// </summary>
public sealed class Messages;
