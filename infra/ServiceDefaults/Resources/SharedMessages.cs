namespace PublicServices.ServiceDefaults.Resources;

/// <summary>
/// Texts every service shares (standard problem titles, paging, event envelopes), in SharedMessages.resx
/// (Vietnamese) and SharedMessages.en.resx (English). Read through <c>IStringLocalizer&lt;SharedMessages&gt;</c>.
/// </summary>
public sealed class SharedMessages;
