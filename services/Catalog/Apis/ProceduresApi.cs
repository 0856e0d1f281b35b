using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Domain.Procedures;
using PublicServices.Catalog.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Catalog.Apis;

public static class ProceduresApi
{
    public const string AdminPolicy = "catalog-admin";

    public static IEndpointRouteBuilder MapProceduresApi(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/api/catalog/procedures").WithTags("Procedures").AllowAnonymous();
        open.MapGet("/", Search);
        open.MapGet("/{code}", Get);

        var admin = routes.MapGroup("/api/catalog/procedures").WithTags("Procedures (admin)").RequireAuthorization(AdminPolicy);
        admin.MapPut("/{code}", Upsert).Accepts<ProcedureInput>("application/json");
        admin.MapPost("/{code}/publish", Publish);
        admin.MapPost("/{code}/unpublish", Unpublish);
        return routes;
    }

    /// <summary>
    /// Public search. Benchmarked, so it stays cheap: no tracking, a projection of small columns (the fee total is
    /// stored), the (Published, Code) index for plain listing, and no count query when the first page is not full.
    /// The agency filter takes the agency's whole subtree: a province finds its departments' and wards' procedures.
    /// </summary>
    static async Task<Results<Ok<ResultPage<ProcedureSummary>>, ValidationProblem>> Search(
        string? q, string? agency, string? level, string? page, string? pageSize, CatalogDbContext db,
        IStringLocalizer<Messages> text, IStringLocalizer<SharedMessages> shared, CancellationToken cancel)
    {
        if (!SearchQuery.TryParse(q, agency, level, page, pageSize, text, shared, out var query, out var errors))
            return Problems.Validation(errors);

        var procedures = db.Procedures.AsNoTracking().Where(p => p.Published);
        foreach (var term in query.Terms)
        {
            var pattern = SearchTextRules.ContainsPattern(term);
            procedures = procedures.Where(p => EF.Functions.Like(p.SearchText, pattern, SearchTextRules.LikeEscape));
        }
        if (query.Level is { } l)
            procedures = procedures.Where(p => p.Level == l);
        if (query.Agency is { } a)
        {
            var segment = "/" + a + "/";
            var subtree = db.Agencies.Where(x => x.Path.Contains(segment)).Select(x => x.Code);
            procedures = procedures.Where(p => subtree.Contains(p.AgencyCode));
        }

        var paging = query.Paging;
        var items = await procedures.OrderBy(p => p.Code).Skip(paging.Skip).Take(paging.PageSize)
            .Select(p => new ProcedureSummary(p.Code, p.NameVi, p.NameEn, p.AgencyCode, p.Level, p.StatutoryWorkingDays, p.TotalFee))
            .ToListAsync(cancel);
        var total = items.Count < paging.PageSize && (items.Count > 0 || paging.Page == 1)
            ? paging.Skip + items.Count
            : await procedures.CountAsync(cancel);
        return TypedResults.Ok(new ResultPage<ProcedureSummary>(items, paging.Page, paging.PageSize, total));
    }

    static async Task<Results<Ok<ProcedureDetail>, ProblemHttpResult>> Get(string code, CatalogDbContext db,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code && p.Published, cancel);
        return procedure is null ? NotFound(code, text) : TypedResults.Ok(ProcedureDetail.From(procedure));
    }

    /// <summary>
    /// Creates (201, unpublished) or replaces (200, version + 1) a procedure. An unchanged body changes nothing.
    /// Concurrent writers are told apart by the version: the loser gets 409 and nothing of its change is kept.
    /// </summary>
    static async Task<Results<Created<ProcedureDetail>, Ok<ProcedureDetail>, ValidationProblem, ProblemHttpResult>> Upsert(
        string code, HttpRequest request, ClaimsPrincipal user, CatalogDbContext db, IOptions<JsonOptions> json,
        TimeProvider clock, AuditTrail audit, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        ProcedureInput? input;
        try
        {
            input = await JsonSerializer.DeserializeAsync<ProcedureInput>(request.Body, json.Value.SerializerOptions, cancel);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Problems.Validation(field, text["Body.Malformed"]);
        }
        if (input is null)
            return Problems.Validation("body", text["Body.Missing"]);

        var agencyExists = input.AgencyCode is { } agencyCode && await db.Agencies.AnyAsync(a => a.Code == agencyCode.Trim(), cancel);
        var errors = ProcedureValidator.Validate(code, input, agencyExists, text, out var definition);
        if (definition is null)
            return Problems.Validation(errors);

        var author = user.SubjectId() ?? "admin";
        var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Code == code, cancel);
        var created = procedure is null;
        if (procedure is null)
        {
            procedure = new Procedure { Code = code, Version = 1, Published = false };
            procedure.Apply(definition, author, clock.GetUtcNow());
            db.Procedures.Add(procedure);
        }
        else
        {
            if (input.Version is { } expected && expected != procedure.Version)
                return VersionConflict(procedure.Version, text);
            if (procedure.HasContent(definition))
                return TypedResults.Ok(ProcedureDetail.From(procedure));
            procedure.Apply(definition, author, clock.GetUtcNow());
            procedure.Version++;
        }
        audit.Add(db, user, created ? "procedure.created" : "procedure.changed", code, new { procedure.Version });

        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else saved a new version between our read and our write.
            return VersionConflict(await CurrentVersion(db, code, cancel) ?? procedure.Version, text);
        }
        catch (DbUpdateException) when (created)
        {
            // A concurrent create of the same code won; any other failure is a real one.
            if (await CurrentVersion(db, code, cancel) is not { } current)
                throw;
            return VersionConflict(current, text);
        }

        var detail = ProcedureDetail.From(procedure);
        return created ? TypedResults.Created($"/api/catalog/procedures/{code}", detail) : TypedResults.Ok(detail);
    }

    static Task<Results<Ok<ProcedureDetail>, ProblemHttpResult>> Publish(string code, ClaimsPrincipal user, CatalogDbContext db,
        AuditTrail audit, IStringLocalizer<Messages> text, CancellationToken cancel) => SetPublished(code, true, user, db, audit, text, cancel);

    static Task<Results<Ok<ProcedureDetail>, ProblemHttpResult>> Unpublish(string code, ClaimsPrincipal user, CatalogDbContext db,
        AuditTrail audit, IStringLocalizer<Messages> text, CancellationToken cancel) => SetPublished(code, false, user, db, audit, text, cancel);

    static async Task<Results<Ok<ProcedureDetail>, ProblemHttpResult>> SetPublished(string code, bool published, ClaimsPrincipal user,
        CatalogDbContext db, AuditTrail audit, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, cancel);
        if (procedure is null)
            return NotFound(code, text);
        if (procedure.Published != published)
        {
            // The flag is not content: the version stays, and no concurrency check is needed for a last-wins toggle.
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.Procedures.Where(p => p.Code == code).ExecuteUpdateAsync(s => s.SetProperty(p => p.Published, published), cancel);
            await audit.AppendAsync(db, user, published ? "procedure.published" : "procedure.unpublished", code, cancel: cancel);
            await transaction.CommitAsync(cancel);
            procedure.Published = published;
        }
        return TypedResults.Ok(ProcedureDetail.From(procedure));
    }

    static Task<int?> CurrentVersion(CatalogDbContext db, string code, CancellationToken cancel) =>
        db.Procedures.AsNoTracking().Where(p => p.Code == code).Select(p => (int?)p.Version).FirstOrDefaultAsync(cancel);

    static ProblemHttpResult NotFound(string code, IStringLocalizer<Messages> text) => Problems.NotFound(text["Procedure.NotFound", code]);

    static ProblemHttpResult VersionConflict(int current, IStringLocalizer<Messages> text) => Problems.Problem(StatusCodes.Status409Conflict,
        text["Procedure.VersionConflict"], extensions: new Dictionary<string, object?> { ["currentVersion"] = current });
}
