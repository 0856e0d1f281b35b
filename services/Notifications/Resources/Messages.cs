namespace PublicServices.Notifications.Resources;

/// <summary>
/// The notifications service's texts for people, the message templates among them: Messages.resx (Vietnamese) and
/// Messages.en.resx (English).
/// </summary>
public sealed class Messages;
