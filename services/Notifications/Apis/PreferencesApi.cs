using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Notifications.Data;
using PublicServices.Notifications.Domain;
using PublicServices.Notifications.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Notifications.Apis;

/// <summary>
/// /api/notifications/preferences: the signed-in applicant's choice of channels and language, and
/// /api/notifications/me: the messages sent to them. Nobody reads or sets another person's: the subject of the token is the key.
/// </summary>
public static class PreferencesApi
{
    /// <summary>The newest messages <c>/me</c> lists.</summary>
    public const int RecentCount = 50;

    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Preferences").RequireAuthorization(Policies.Applicant);
        api.MapGet("/preferences", Get);
        api.MapPut("/preferences", Put);
        api.MapGet("/me", Recent);
        return app;
    }

    static async Task<Ok<PreferenceDto>> Get(ClaimsPrincipal user, NotificationsDb db, CancellationToken cancel) =>
        TypedResults.Ok(PreferenceDto.Of(await db.Preferences.FindAsync([user.SubjectId()], cancel)));

    static async Task<Results<Ok<PreferenceDto>, ValidationProblem>> Put(PreferenceDto body, ClaimsPrincipal user, NotificationsDb db,
        TimeProvider clock, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var errors = body.Errors(text);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var id = user.SubjectId()!;
        var stored = await db.Preferences.AsTracking().FirstOrDefaultAsync(p => p.UserId == id, cancel);
        if (stored is null)
            db.Preferences.Add(stored = new Preference { UserId = id });
        stored.Channels = body.StoredChannels;
        stored.Language = body.Language!;
        stored.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancel);
        return TypedResults.Ok(PreferenceDto.Of(stored));
    }

    /// <summary>A message as its recipient sees it in their list.</summary>
    public sealed record SentMessage(Guid Id, Guid? DossierId, string Template, string Channel, string Status, string Subject,
        DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

    static async Task<Ok<List<SentMessage>>> Recent(ClaimsPrincipal user, NotificationsDb db, CancellationToken cancel)
    {
        var id = user.SubjectId();
        var rows = await db.Deliveries.Where(d => d.UserId == id).OrderByDescending(d => d.CreatedAt).Take(RecentCount).ToListAsync(cancel);
        return TypedResults.Ok(rows.Select(d => new SentMessage(d.Id, d.DossierId, d.Template, d.Channel, d.Status.ToString(), d.Subject, d.CreatedAt, d.SentAt)).ToList());
    }
}
