using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace PublicServices.Testing;

/// <summary>
/// What the test smtp4dev server received (<see cref="TestServers.SmtpApi"/>), read through its REST API. Test classes
/// share the server, so every question is about one recipient: give each test addresses of its own.
/// </summary>
public static partial class Mailbox
{
    public sealed record Message(string Id, string From, string[] To, string Subject, DateTimeOffset ReceivedDate);

    sealed record Page(Message[] Results);

    static readonly HttpClient Api = new() { BaseAddress = TestServers.SmtpApi, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Every message to <paramref name="address"/>, newest first.</summary>
    public static async Task<Message[]> ToAsync(string address)
    {
        var page = await Api.GetFromJsonAsync<Page>(
            $"api/messages?pageSize=500&sortColumn=receivedDate&sortIsDescending=true&searchTerms={Uri.EscapeDataString(address)}");
        return [.. page!.Results.Where(m => m.To.Any(t => string.Equals(t, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Waits until <paramref name="count"/> messages to <paramref name="address"/> have arrived, and returns them.</summary>
    public static async Task<Message[]> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = await ToAsync(address);
            if (messages.Length >= count) return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{messages.Length} of {count} messages to {address} arrived at the test mail server.");
            await Task.Delay(200);
        }
    }

    /// <summary>The text part of a message.</summary>
    public static Task<string> TextAsync(Message message) => Api.GetStringAsync($"api/messages/{message.Id}/plaintext");

    /// <summary>The first link in the text of the newest message to <paramref name="address"/>, once one has arrived.</summary>
    public static async Task<Uri> LinkAsync(string address, TimeSpan? timeout = null)
    {
        var text = await TextAsync((await WaitForAsync(address, 1, timeout))[0]);
        return Link().Match(text) is { Success: true } m ? new Uri(m.Value) : throw new InvalidOperationException("The message has no link: " + text);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
