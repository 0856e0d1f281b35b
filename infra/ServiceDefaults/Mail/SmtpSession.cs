using MailKit.Net.Smtp;
using MimeKit;

namespace PublicServices.ServiceDefaults.Mail;

/// <summary>
/// One connection to the mail server for a round of a mail queue (identity's MailQueue, the notifications' deliveries):
/// connected and logged in once, then any number of messages. A queue opens it only when a round has mail to send.
/// </summary>
public sealed class SmtpSession : IAsyncDisposable
{
    readonly SmtpClient client;
    readonly SmtpServerOptions options;

    SmtpSession(SmtpClient client, SmtpServerOptions options) { this.client = client; this.options = options; }

    /// <summary>Connects and logs in; throws what the server or the network says (the caller counts it as a failed attempt).</summary>
    public static async Task<SmtpSession> OpenAsync(SmtpServerOptions options, CancellationToken cancel)
    {
        var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.Security, cancel);
            if (!string.IsNullOrEmpty(options.UserName))
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancel);
            return new SmtpSession(client, options);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>False once the connection broke: the rest of the round waits for the next one.</summary>
    public bool IsConnected => client.IsConnected;

    /// <summary>
    /// Sends one message from the configured sender. <paramref name="id"/> (the queue row's) becomes the Message-ID, so a
    /// message sent twice after a crash can be recognised as one. An HTML body, when given, goes with the text as an alternative.
    /// </summary>
    public Task SendAsync(Guid id, string to, string subject, string text, string? html, CancellationToken cancel)
    {
        var from = MailboxAddress.Parse(options.From);
        var body = new BodyBuilder { TextBody = text, HtmlBody = html };
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody(), MessageId = $"{id:N}@{from.Domain}" };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        return client.SendAsync(message, cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(quit: true, CancellationToken.None); }
            catch (Exception) { /* the server hung up first: nothing was lost, every result is already recorded */ }
        }
        client.Dispose();
    }
}
