using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// Sends the caller's own bearer token on, so the dossiers service applies its one rule of who sees which dossier
/// (an officer: their agency's) instead of this service being given a view of every dossier. The portal's tokens carry
/// the dossiers audience as well as this one.
/// </summary>
public sealed class CallerTokenHandler(IHttpContextAccessor http) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (AuthenticationHeaderValue.TryParse(http.HttpContext?.Request.Headers.Authorization.ToString(), out var caller))
            request.Headers.Authorization = caller;
        return base.SendAsync(request, cancellationToken);
    }
}
