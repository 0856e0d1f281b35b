using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Apis;

/// <summary>
/// An agency's satisfaction figure, public: the applicants' ratings (1–5) of its finished dossiers, counted in the
/// database. Only counts: no comment, dossier or person is ever part of it (comments stay on the dossier, for its
/// applicant and the agency's officers).
/// </summary>
public static class SatisfactionApi
{
    const int MaxAgencyCodeLength = 50;

    public static IEndpointRouteBuilder MapSatisfactionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dossiers/satisfaction", Get).WithTags("Satisfaction").AllowAnonymous();
        return app;
    }

    static async Task<Results<Ok<AgencySatisfaction>, ValidationProblem>> Get(string? agencyCode, DossiersDb db, TimeProvider clock,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var code = agencyCode?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > MaxAgencyCodeLength)
            return Problems.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["agencyCode"] = [text["Satisfaction.AgencyCode"]] });
        var since = clock.GetUtcNow().AddYears(-1);
        var counts = await db.Dossiers.Where(d => d.AgencyCode == code && d.Rating != null)
            .GroupBy(d => d.Rating!.Value)
            .Select(g => new { Score = g.Key, All = g.Count(), Recent = g.Count(d => d.RatedAt >= since) })
            .ToListAsync(cancel);
        int[] Distribution(Func<int, int> count) => [.. Enumerable.Range(1, 5).Select(score => count(score))];
        var all = Distribution(s => counts.Where(c => c.Score == s).Sum(c => c.All));
        var recent = Distribution(s => counts.Where(c => c.Score == s).Sum(c => c.Recent));
        return TypedResults.Ok(new AgencySatisfaction(code, SatisfactionFigure.Of(all, null), SatisfactionFigure.Of(recent, since)));
    }
}

/// <summary>The agency's figure over all time and over the last twelve months.</summary>
public sealed record AgencySatisfaction(string AgencyCode, SatisfactionFigure AllTime, SatisfactionFigure LastTwelveMonths);

/// <summary>
/// Ratings counted since <c>Since</c> (null: all time); <c>Average</c> rounded to one decimal (null without ratings);
/// <c>Distribution</c> the number of ratings of 1, 2, 3, 4 and 5.
/// </summary>
public sealed record SatisfactionFigure(int Ratings, decimal? Average, IReadOnlyList<int> Distribution, DateTimeOffset? Since)
{
    public static SatisfactionFigure Of(int[] distribution, DateTimeOffset? since)
    {
        var ratings = distribution.Sum();
        decimal? average = ratings == 0 ? null
            : Math.Round((decimal)distribution.Select((count, i) => count * (i + 1)).Sum() / ratings, 1, MidpointRounding.AwayFromZero);
        return new(ratings, average, distribution, since);
    }
}
