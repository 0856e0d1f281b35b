using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests.Infrastructure;

/// <summary>Builds valid, unique citizen registrations; tests change the one field they are about.</summary>
public static class Citizens
{
    static int next = Random.Shared.Next(100_000, 900_000);

    public const string Password = "Matkhau@2025";

    public static Dictionary<string, object?> Valid()
    {
        var n = Interlocked.Increment(ref next);
        return new()
        {
            ["fullName"] = "Nguyễn Thị Test " + n,
            // Hưng Yên, female, born 1990, a unique serial.
            ["nationalId"] = $"033190{n:D6}",
            ["email"] = $"citizen{n}@example.vn",
            ["phone"] = "0912" + (n % 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
            ["password"] = Password,
        };
    }

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string field, object? value)
    {
        body[field] = value;
        return body;
    }

    /// <summary>
    /// Registers through the API and confirms the e-mail address with the link the service mailed; returns the
    /// registration (its nationalId is the user name) with the account's id, read from the link.
    /// </summary>
    public static async Task<Dictionary<string, object?>> RegisterAsync(HttpClient client, Dictionary<string, object?>? body = null)
    {
        body ??= Valid();
        using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var link = await Mailbox.LinkAsync((string)body["email"]!);
        using var confirmed = await client.GetAsync(link.PathAndQuery);
        if (confirmed.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Confirmation failed: {(int)confirmed.StatusCode}");
        body["id"] = QueryHelpers.ParseQuery(link.Query)["userId"].ToString();
        return body;
    }
}
