using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Workflow.Tests.Support;

/// <summary>An officer's calls on the inbox (the assertions on answers are the shared <see cref="HttpAssertions"/>).</summary>
public static class Http
{
    /// <summary>The tasks of the caller's inbox.</summary>
    public static async Task<List<JsonObject>> InboxAsync(this HttpClient officer, string query = "")
    {
        var page = await (await officer.GetAsync("/api/workflow/tasks" + query)).Json(HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(t => t!.AsObject())];
    }

    /// <summary>The caller's open task of one dossier's workflow.</summary>
    public static async Task<JsonObject> TaskOfAsync(this HttpClient officer, Guid dossierId, string activityId)
    {
        JsonObject? task = null;
        await Eventually.HoldsAsync(async () =>
        {
            task = (await officer.InboxAsync("?pageSize=200")).FirstOrDefault(t => (string?)t["correlationId"] == dossierId.ToString()
                && (string?)t["activityId"] == activityId);
            return task is not null;
        }, $"task {activityId} of dossier {dossierId} is in the inbox");
        return task!;
    }

    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient officer, JsonNode taskId, string outcome, string? comment = null,
        string[]? attachments = null, JsonObject? data = null) =>
        officer.PostAsJsonAsync($"/api/workflow/tasks/{(string)taskId!}/complete", new JsonObject
        {
            ["outcome"] = outcome, ["comment"] = comment,
            ["attachments"] = attachments is null ? null : new JsonArray([.. attachments.Select(a => (JsonNode?)a)]),
            ["data"] = data,
        });
}

public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(25);
        }
    }
}
