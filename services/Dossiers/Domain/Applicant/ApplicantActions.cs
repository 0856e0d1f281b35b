using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Domain.Applicant;

/// <summary>What the applicant asks to withdraw a dossier.</summary>
public sealed record WithdrawalRequest(string? Reason);

/// <summary>The applicant's 1–5 rating of a finished dossier, with an optional comment.</summary>
public sealed record RatingRequest(int? Score, string? Comment);

/// <summary>
/// What the applicant does to their own dossier besides answering a supplement: withdraw it while it is open (status
/// 7; the workflow learns it from DossierWithdrawn and stops) and rate it once it is finished. Anyone else's dossier
/// is not found (404), so its existence is not revealed.
/// </summary>
public sealed class ApplicantActions(DossiersDb db, TimeProvider clock, IStringLocalizer<Messages> text)
{
    public const int MaxTextLength = 2000;

    /// <summary>
    /// Withdraws the dossier: status, timeline entry and event in one transaction, the status changed only if it is
    /// still the one checked (a workflow step that lands meanwhile makes this a 409, never a lost change). Withdrawing a
    /// withdrawn dossier again answers the same, so a retry is safe.
    /// </summary>
    public async Task<Results<Ok<DossierDto>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(ClaimsPrincipal user, Guid id,
        WithdrawalRequest request, CancellationToken cancel)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return Problems.Validation("reason", text["Withdrawal.ReasonRequired"]);
        if (reason.Length > MaxTextLength)
            return Problems.Validation("reason", text["Text.TooLong", MaxTextLength]);
        var applicant = user.SubjectId();
        var dossier = await db.Dossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.ApplicantId == applicant, cancel);
        if (dossier is null)
            return Problems.NotFound(text["Dossier.NotFound"]);
        if (dossier.Status == DossierStatus.Withdrawn)
            return TypedResults.Ok(await ReadAsync(id, cancel));
        if (!DossierStatusMachine.Allows(dossier.Status, DossierStatus.Withdrawn))
            return Problems.Problem(StatusCodes.Status409Conflict, text["Withdrawal.NotAllowed"]);

        var now = clock.StoredNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var changed = await db.Dossiers.Where(d => d.Id == id && d.Status == dossier.Status)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DossierStatus.Withdrawn).SetProperty(d => d.SupplementRequest, (string?)null), cancel);
        if (changed == 0)
            return Problems.Problem(StatusCodes.Status409Conflict, text["Withdrawal.Changed"]);
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), DossierId = id, Status = DossierStatus.Withdrawn, At = now, ActorId = applicant!,
            ActorName = user.FindFirst(Claims.Name)?.Value ?? dossier.ApplicantName, Reason = reason,
        });
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = DossierWithdrawnV1.Type,
            Payload = StoredJson.Write(new DossierWithdrawnV1(id, dossier.Code, reason, now)),
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return TypedResults.Ok(await ReadAsync(id, cancel));
    }

    /// <summary>Rates a finished dossier (not received, stopped or result returned); rating again replaces the rating.</summary>
    public async Task<Results<Ok<DossierDto>, ValidationProblem, ProblemHttpResult>> RateAsync(ClaimsPrincipal user, Guid id,
        RatingRequest request, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Score is not (>= 1 and <= 5))
            errors["score"] = [text["Rating.Score"]];
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > MaxTextLength })
            errors["comment"] = [text["Text.TooLong", MaxTextLength]];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var applicant = user.SubjectId();
        var dossier = await db.Dossiers.AsTracking().FirstOrDefaultAsync(d => d.Id == id && d.ApplicantId == applicant, cancel);
        if (dossier is null)
            return Problems.NotFound(text["Dossier.NotFound"]);
        if (!CanBeRated(dossier.Status))
            return Problems.Problem(StatusCodes.Status409Conflict, text["Rating.NotFinished"]);
        dossier.Rating = request.Score;
        dossier.RatingComment = comment;
        dossier.RatedAt = clock.StoredNow();
        await db.SaveChangesAsync(cancel);
        return TypedResults.Ok(await ReadAsync(id, cancel));
    }

    /// <summary>A dossier the agency has finished with; a withdrawn one was not handled to the end, so it is not rated.</summary>
    public static bool CanBeRated(DossierStatus status) => DossierStatusMachine.IsFinal(status) && status != DossierStatus.Withdrawn;

    async Task<DossierDto> ReadAsync(Guid id, CancellationToken cancel) =>
        (await db.Dossiers.AsNoTracking().Include(d => d.Timeline).FirstAsync(d => d.Id == id, cancel)).AsDto();
}
