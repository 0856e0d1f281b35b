namespace PublicServices.Notifications.Data;

/// <summary>A person's choice of channels and language; a person without a row gets e-mail in Vietnamese.</summary>
public sealed class Preference
{
    public string UserId { get; set; } = "";
    /// <summary>The channels, comma-separated in a fixed order ("email", "sms", "email,sms").</summary>
    public string Channels { get; set; } = "";
    public string Language { get; set; } = "vi";
    public DateTimeOffset UpdatedAt { get; set; }
}
