namespace PublicServices.Gateway;

/// <summary>
/// Addresses only the services call on each other: event intake (<c>/api/{service}/events</c>, <c>…/events/batch</c>),
/// the documents' attachment calls (<c>/api/documents/attachments…</c>) and any <c>/api/{service}/internal/…</c>. They
/// live under the public prefixes, so the gateway refuses them itself (404, as for any address it does not serve):
/// one leaked service secret must not be usable from outside.
/// </summary>
public static class InternalPaths
{
    public static bool IsInternal(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || !segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
            return false;
        return segments[2].Equals("events", StringComparison.OrdinalIgnoreCase)
            || segments[2].Equals("internal", StringComparison.OrdinalIgnoreCase)
            || (segments[1].Equals("documents", StringComparison.OrdinalIgnoreCase) && segments[2].Equals("attachments", StringComparison.OrdinalIgnoreCase));
    }
}
