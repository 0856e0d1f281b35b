namespace PublicServices.Notifications.Data;

/// <summary>A text message as the logging SMS adapter "sent" it (table sms_log): the stand-in for an SMS gateway.</summary>
public sealed class SmsLogEntry
{
    public Guid Id { get; set; }
    public Guid DeliveryId { get; set; }
    public string Phone { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
