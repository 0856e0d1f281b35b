namespace PublicServices.Notifications.Sending;

/// <summary>
/// Sends a text message. The one adapter today is <see cref="LoggingSmsSender"/>: there is no SMS gateway contract yet,
/// and a real one (a provider's HTTP API) will implement this interface. A thrown exception is a failed attempt (retried).
/// </summary>
public interface ISmsSender
{
    Task SendAsync(Guid deliveryId, string phone, string text, CancellationToken cancel);
}
