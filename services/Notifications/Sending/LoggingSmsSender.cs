using PublicServices.Notifications.Data;

namespace PublicServices.Notifications.Sending;

/// <summary>
/// The stand-in for an SMS gateway until one is contracted: it writes the text to the <c>sms_log</c> table, in the
/// round's transaction, and counts as delivered. Nobody's phone receives anything.
/// </summary>
public sealed class LoggingSmsSender(NotificationsDb db, TimeProvider time) : ISmsSender
{
    public Task SendAsync(Guid deliveryId, string phone, string text, CancellationToken cancel)
    {
        db.SmsLog.Add(new SmsLogEntry { Id = Guid.CreateVersion7(time.GetUtcNow()), DeliveryId = deliveryId, Phone = phone, Text = text, At = time.GetUtcNow() });
        return Task.CompletedTask;
    }
}
