using System.Net.Http.Json;

namespace PublicServices.Dossiers.Tests.Integration;

static class Http
{
    public static Task<HttpResponseMessage> Submit(this HttpClient client, SubmissionBuilder submission, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(submission.Build()) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}
