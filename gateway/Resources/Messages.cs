namespace PublicServices.Gateway.Resources;

/// <summary>
/// The gateway's texts for people (the titles of the problems it writes itself), in Messages.resx (Vietnamese) and
/// Messages.en.resx (English). Read through <c>IStringLocalizer&lt;Messages&gt;</c>.
/// </summary>
public sealed class Messages;
