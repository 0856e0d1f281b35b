using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Domain.Drafts;
using PublicServices.Dossiers.Domain.Submission;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Apis;

/// <summary>
/// Drafts, kept on the server so they can be resumed on any device; only their owner sees them. A change names the
/// version it was made from (If-Match: "3", or "version": 3 in the body); a stale one is refused (412 for If-Match,
/// 409 for the body field) instead of silently overwriting what another device saved.
/// </summary>
public static class DraftsApi
{
    public static IEndpointRouteBuilder MapDraftsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dossiers/drafts").WithTags("Drafts").RequireAuthorization(Policies.Applicant);
        api.MapPost("", Create);
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapPut("/{id:guid}", Update);
        api.MapDelete("/{id:guid}", Delete);
        return app;
    }

    static async Task<Results<Created<DraftDto>, ValidationProblem>> Create(DraftRequest request, ClaimsPrincipal user, DossiersDb db,
        IOptions<DossiersOptions> options, TimeProvider clock, HttpResponse response, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var errors = InputRules.Check(request.ProcedureCode, request.FormData ?? EmptyObject, request.Documents, options.Value, text);
        if (errors.Count > 0)
            return Problems.Validation(errors.AsProblemErrors());
        var now = clock.GetUtcNow();
        var draft = new Draft
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = user.SubjectId()!,
            ProcedureCode = request.ProcedureCode!,
            FormData = StoredJson.Write(request.FormData ?? EmptyObject),
            Documents = StoredJson.Write(Documents(request)),
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(cancel);
        response.Headers.ETag = DraftMapping.ETag(draft.Version);
        return TypedResults.Created($"/api/dossiers/drafts/{draft.Id}", draft.AsDto());
    }

    static async Task<Ok<DraftList>> List(ClaimsPrincipal user, DossiersDb db, CancellationToken cancel)
    {
        var owner = user.SubjectId();
        var items = await db.Drafts.Where(d => d.OwnerId == owner).OrderByDescending(d => d.UpdatedAt)
            .Select(d => new DraftSummary(d.Id, d.ProcedureCode, d.Version, d.UpdatedAt)).ToListAsync(cancel);
        return TypedResults.Ok(new DraftList(items));
    }

    static async Task<Results<Ok<DraftDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, DossiersDb db, HttpResponse response,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var owner = user.SubjectId();
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == id && d.OwnerId == owner, cancel);
        if (draft is null)
            return NotFound(text);
        response.Headers.ETag = DraftMapping.ETag(draft.Version);
        return TypedResults.Ok(draft.AsDto());
    }

    static async Task<Results<Ok<DraftDto>, ValidationProblem, ProblemHttpResult>> Update(Guid id, DraftRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, DossiersDb db, IOptions<DossiersOptions> options,
        TimeProvider clock, HttpResponse response, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var errors = InputRules.Check(request.ProcedureCode, request.FormData ?? EmptyObject, request.Documents, options.Value, text, procedureRequired: false);
        int? expected = null;
        if (ifMatch is not null)
        {
            if (ParseETag(ifMatch) is { } v) expected = v;
            else errors["If-Match"] = [text["Draft.BadIfMatch"]];
        }
        if (errors.Count > 0)
            return Problems.Validation(errors.AsProblemErrors());
        expected ??= request.Version;
        if (expected is null)
            return Problems.Problem(StatusCodes.Status428PreconditionRequired, text["Draft.VersionRequired"]);

        var owner = user.SubjectId();
        var formData = StoredJson.Write(request.FormData ?? EmptyObject);
        var documents = StoredJson.Write(Documents(request));
        var now = clock.GetUtcNow();
        // One conditional statement: it either applies to the expected version or to nothing.
        var changed = await db.Drafts.Where(d => d.Id == id && d.OwnerId == owner && d.Version == expected)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.FormData, formData).SetProperty(d => d.Documents, documents)
                .SetProperty(d => d.Version, d => d.Version + 1).SetProperty(d => d.UpdatedAt, now), cancel);
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.Id == id && d.OwnerId == owner, cancel);
        if (draft is null)
            return NotFound(text);
        if (changed == 0)
            return Stale(ifMatch is not null, draft.Version, text);
        response.Headers.ETag = DraftMapping.ETag(draft.Version);
        return TypedResults.Ok(draft.AsDto());
    }

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user, DossiersDb db, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var owner = user.SubjectId();
        var drafts = db.Drafts.Where(d => d.Id == id && d.OwnerId == owner);
        if (ifMatch is not null)
        {
            if (ParseETag(ifMatch) is not { } expected)
                return Problems.Validation("If-Match", text["Draft.BadIfMatch"]);
            if (await drafts.Where(d => d.Version == expected).ExecuteDeleteAsync(cancel) > 0)
                return TypedResults.NoContent();
            return await drafts.Select(d => (int?)d.Version).FirstOrDefaultAsync(cancel) is { } current ? Stale(true, current, text) : NotFound(text);
        }
        return await drafts.ExecuteDeleteAsync(cancel) > 0 ? TypedResults.NoContent() : NotFound(text);
    }

    static readonly System.Text.Json.JsonElement EmptyObject = StoredJson.Element("{}");

    static List<DocumentRef> Documents(DraftRequest request) => request.Documents?.OfType<DocumentRef>().ToList() ?? [];

    /// <summary>Accepts "3", W/"3" or a bare 3.</summary>
    static int? ParseETag(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("W/", StringComparison.Ordinal))
            v = v[2..];
        return int.TryParse(v.Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    static ProblemHttpResult Stale(bool viaIfMatch, int current, IStringLocalizer<Messages> text) => Problems.Problem(
        viaIfMatch ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict, text["Draft.Stale"],
        extensions: new Dictionary<string, object?> { ["currentVersion"] = current });

    static ProblemHttpResult NotFound(IStringLocalizer<Messages> text) => Problems.NotFound(text["Draft.NotFound"]);
}
