using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace PublicServices.SystemTesting;

/// <summary>Fees as the workflow asks for them, for tests that need an invoice before the workflow gets to it.</summary>
public static class Fees
{
    /// <summary>
    /// The PaymentRequested.v1 the workflow would send (posted to the payments service itself with the workflow's own
    /// token, as its outbox does): the payments service makes the dossier's invoice.
    /// </summary>
    public static async Task RequestAsync(string svcWorkflowToken, string dossier, string code, string agencyCode, long amount, string note)
    {
        using var payments = new HttpClient { BaseAddress = SystemFixture.ServiceAddress("payments") };
        payments.DefaultRequestHeaders.Authorization = new("Bearer", svcWorkflowToken);
        using var requested = await payments.PostAsJsonAsync("/api/payments/events", new JsonObject
        {
            ["id"] = Guid.NewGuid(), ["type"] = "PaymentRequested.v1", ["occurredAt"] = DateTimeOffset.UtcNow,
            ["payload"] = new JsonObject
            {
                ["dossierId"] = dossier, ["code"] = code, ["agencyCode"] = agencyCode, ["amount"] = amount, ["currency"] = "VND", ["note"] = note,
            },
        });
        Assert.True(requested.IsSuccessStatusCode, await requested.Content.ReadAsStringAsync());
    }
}
