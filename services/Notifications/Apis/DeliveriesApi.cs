using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PublicServices.Notifications.Data;

namespace PublicServices.Notifications.Apis;

/// <summary>
/// /api/notifications/deliveries: the delivery log, for administrators only (it names people's addresses). Officers'
/// access by agency waits until the log carries the dossier's agency.
/// </summary>
public static class DeliveriesApi
{
    public const string Administrator = "notifications-administrator";
    public const int MaxRows = 200;

    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications/deliveries", List).WithTags("Deliveries").RequireAuthorization(Administrator);
        return app;
    }

    public sealed record LoggedAttempt(Guid DeliveryId, Guid? DossierId, string Channel, string? Recipient, string Template, int Attempt,
        string Outcome, string? Error, DateTimeOffset At);

    /// <summary>Every attempt for the dossier, in order; without one, the newest attempts.</summary>
    static async Task<Ok<List<LoggedAttempt>>> List(Guid? dossierId, NotificationsDb db, CancellationToken cancel)
    {
        var log = dossierId is { } id
            ? db.DeliveryLog.Where(a => a.DossierId == id).OrderBy(a => a.At)
            : db.DeliveryLog.OrderByDescending(a => a.At);
        var rows = await log.Take(MaxRows).ToListAsync(cancel);
        return TypedResults.Ok(rows.Select(a => new LoggedAttempt(a.DeliveryId, a.DossierId, a.Channel, a.Recipient, a.Template, a.Attempt,
            a.Outcome, a.Error, a.At)).ToList());
    }
}
