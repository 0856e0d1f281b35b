using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicServices.PaymentSandbox.Payments;

namespace PublicServices.PaymentSandbox.Apis;

/// <summary>VNPay's query and refund API. No authentication but the request's hash, as at VNPay.</summary>
public static class MerchantApi
{
    public const string Path = "/merchant_webapi/api/transaction";

    public static IEndpointRouteBuilder MapMerchantApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    static async Task<JsonHttpResult<Dictionary<string, string>>> HandleAsync(HttpRequest request, MerchantRequests requests, CancellationToken cancel)
    {
        JsonElement? body = null;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancel);
            body = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: answered 03 like any request without its fields.
        }
        return TypedResults.Json(requests.Handle(body));
    }
}
