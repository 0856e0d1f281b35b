using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace PublicServices.ServiceDefaults.Audit;

public static class AuditExtensions
{
    /// <summary>The audit trail and the sealer of <typeparamref name="TDb"/> (whose model calls <see cref="AuditModel.AddAuditLog"/>).</summary>
    public static IHostApplicationBuilder AddAuditLog<TDb>(this IHostApplicationBuilder builder) where TDb : DbContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AuditTrail>();
        builder.Services.AddHostedService<AuditSealer<TDb>>();
        return builder;
    }

    /// <summary>
    /// <c>GET /api/&lt;service&gt;/audit/verify</c>, for administrators: the chain's check (<see cref="AuditVerification"/>).
    /// <paramref name="adminPolicy"/> names the service's own administrators' policy where the default one does not fit.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditEndpoints<TDb>(this IEndpointRouteBuilder app, string service, string? adminPolicy = null)
        where TDb : DbContext
    {
        var verify = app.MapGet($"/api/{service}/audit/verify", (TDb db, CancellationToken cancel) => AuditVerifier.VerifyAsync(db, cancel)).WithTags("Audit");
        if (adminPolicy is null) verify.RequireAuthorization(p => p.RequireRole(Roles.Admin));
        else verify.RequireAuthorization(adminPolicy);
        return app;
    }

    /// <summary>
    /// Logs the endpoint's action once it has succeeded (a 2xx answer): the caller, <paramref name="action"/>, the
    /// route's values as the target (or the created object's address), and <paramref name="details"/> of the call.
    /// For actions stored outside <typeparamref name="TDb"/>'s unit of work (the workflow runtime's own store), the
    /// entry follows the action in its own write: a process killed between the two loses that one entry, which the
    /// action's own record (the workflow journal) still shows. Actions saved through the same DbContext add their entry
    /// to the unit of work instead (<see cref="AuditTrail.Add(DbContext, System.Security.Claims.ClaimsPrincipal, string, string, object?)"/>).
    /// </summary>
    public static RouteHandlerBuilder Audited<TDb>(this RouteHandlerBuilder endpoint, string action,
        Func<EndpointFilterInvocationContext, object?>? details = null) where TDb : DbContext =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var outcome = result is INestedHttpResult nested ? nested.Result : result;
            var status = (outcome as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (status is >= 200 and < 300)
            {
                var http = context.HttpContext;
                var target = outcome?.GetType().GetProperty("Location")?.GetValue(outcome) as string
                    ?? string.Join('/', http.Request.RouteValues.Select(v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)));
                var services = http.RequestServices;
                await services.GetRequiredService<AuditTrail>().AppendAsync(services.GetRequiredService<TDb>(), http.User, action, target,
                    details?.Invoke(context), CancellationToken.None);
            }
            return result;
        });

    public const string VerifyCommand = "audit-verify";

    /// <summary>
    /// <c>dotnet PublicServices.&lt;Service&gt;.dll audit-verify</c>: checks the chain without starting the service, prints
    /// the result as JSON and exits with 0 when it holds, 1 when an entry was changed or removed. False when not asked.
    /// </summary>
    public static async Task<bool> RunAuditCommandAsync<TDb>(this WebApplication app, string[] args) where TDb : DbContext
    {
        if (args is not [VerifyCommand, ..]) return false;
        await using var scope = app.Services.CreateAsyncScope();
        var result = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<TDb>());
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        Environment.ExitCode = result.Valid ? 0 : 1;
        return true;
    }
}
