using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Domain.Agencies;
using PublicServices.Catalog.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Catalog.Apis;

public static class AgenciesApi
{
    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder routes)
    {
        var open = routes.MapGroup("/api/catalog/agencies").WithTags("Agencies").AllowAnonymous();
        open.MapGet("/", Tree);
        open.MapGet("/{code}", Get);
        return routes;
    }

    /// <summary>Every agency as a forest (normally one province at the root).</summary>
    static async Task<Ok<List<AgencyNode>>> Tree(CatalogDbContext db, CancellationToken cancel) =>
        TypedResults.Ok(AgencyNode.Forest(await db.Agencies.AsNoTracking().ToListAsync(cancel)));

    /// <summary>One agency with its sub-units below it.</summary>
    static async Task<Results<Ok<AgencyNode>, ProblemHttpResult>> Get(string code, CatalogDbContext db,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var segment = "/" + code + "/";
        var subtree = await db.Agencies.AsNoTracking().Where(a => a.Path.Contains(segment)).ToListAsync(cancel);
        var root = subtree.FirstOrDefault(a => a.Code == code);
        if (root is null)
            return Problems.NotFound(text["Agency.NotFound", code]);
        var below = subtree.Where(a => a.Code != code).ToList();
        var children = AgencyNode.Forest(below);
        return TypedResults.Ok(new AgencyNode(root.Code, root.NameVi, root.NameEn, root.Kind, root.ParentCode, children));
    }
}
