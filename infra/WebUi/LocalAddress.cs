using Microsoft.AspNetCore.Http;

namespace PublicServices.WebUi;

/// <summary>Addresses on this site, for redirects after a login: a link cannot send people elsewhere, and the gateway's host is kept.</summary>
public static class LocalAddress
{
    /// <summary>The address when it is a path on this site ("/x", not "//host" or "/\host"), else null.</summary>
    public static string? OrNull(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url : null;

    /// <summary>
    /// Redirects to the path and query only: behind the gateway a process does not know the public host name, so the
    /// absolute address ASP.NET would build names the wrong one.
    /// </summary>
    public static Task RedirectRelative(HttpResponse response, string redirectUri)
    {
        // A path stays as it is ("/a?b" would parse as an absolute file address on Linux).
        response.Redirect(!redirectUri.StartsWith('/') && Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri);
        return Task.CompletedTask;
    }
}
