namespace PublicServices.Notifications.Domain;

/// <summary>The ways a message reaches a person, and the languages it can be written in.</summary>
public static class Channels
{
    public const string Email = "email";
    public const string Sms = "sms";
    /// <summary>Officers' messages: a role at an agency, not yet resolved to people.</summary>
    public const string Officers = "officers";

    /// <summary>The channels a person may choose, in the order they are stored.</summary>
    public static readonly string[] Personal = [Email, Sms];

    public static readonly string[] Languages = ["vi", "en"];

    public const string DefaultLanguage = "vi";
    public static readonly string[] Default = [Email];
}
