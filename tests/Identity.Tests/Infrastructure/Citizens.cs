using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

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

    /// <summary>Registers through the API and returns the registration (its nationalId is the user name).</summary>
    public static async Task<Dictionary<string, object?>> RegisterAsync(HttpClient client)
    {
        var body = Valid();
        using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body["id"] = json.RootElement.GetProperty("id").GetString();
        return body;
    }
}
