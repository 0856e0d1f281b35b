using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Identity.Data;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>Logins and the administrator's account work land in the identity service's audit chain.</summary>
public sealed class AuditLogTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    const string Officer = "specialist@000.20.01.H10";

    async Task<List<AuditEntry>> SealedAsync(Func<List<AuditEntry>, bool> enough)
    {
        for (var i = 0; ; i++)
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            var entries = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
            if (enough(entries) && entries.All(e => e.Seq is not null)) return entries;
            if (i > 150) throw new TimeoutException($"{entries.Count} entries, some not sealed");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_failed_and_a_successful_login_and_an_officer_created_by_the_admin_are_logged_and_the_chain_verifies()
    {
        using var browser = fixture.App.Browser();
        using (var failed = await Oidc.SubmitLoginAsync(browser, new Uri("/account/login", UriKind.Relative), Officer, "wrong-password"))
            Assert.NotEqual(HttpStatusCode.Redirect, failed.StatusCode); // the form again, with its message
        var admin = await Oidc.SignInAsync(fixture.App, "admin", fixture.App.OfficerPassword);
        using var api = fixture.App.Client(admin.AccessToken, null);
        var officer = $"audit{Random.Shared.Next(100_000, 999_999)}@000.20.01.H10";
        (await api.PostAsJsonAsync("/api/identity/officers", new { userName = officer, fullName = "Lê Văn Kiểm", agencyCode = "000.20.01.H10", role = "leader",
            password = "Can-bo@2026x" })).EnsureSuccessStatusCode();

        var entries = await SealedAsync(list => list.Any(e => e.Action == "officer.created" && e.Target == officer));
        Assert.Contains(entries, e => e.Action == "login.failed" && e.Target == Officer);
        Assert.Contains(entries, e => e.Action == "login.succeeded" && e.Target == "admin");
        var created = Assert.Single(entries, e => e.Action == "officer.created" && e.Target == officer);
        Assert.Equal(admin.Access.Subject, created.Actor);
        Assert.DoesNotContain(entries, e => e.Details?.Contains("wrong-password", StringComparison.Ordinal) == true);

        using var verify = await api.GetAsync("/api/identity/audit/verify");
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var result = (await verify.Content.ReadFromJsonAsync<AuditVerification>(JsonSerializerOptions.Web))!;
        Assert.True(result.Valid);
        Assert.True(result.Entries >= 3);
    }

    [Fact]
    public async Task Only_an_administrator_may_verify_the_log()
    {
        using var anonymous = fixture.App.Client(null, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/identity/audit/verify")).StatusCode);
        var officer = await Oidc.SignInAsync(fixture.App, Officer, fixture.App.OfficerPassword);
        using var asOfficer = fixture.App.Client(officer.AccessToken, null);
        Assert.Equal(HttpStatusCode.Forbidden, (await asOfficer.GetAsync("/api/identity/audit/verify")).StatusCode);
    }
}
