using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>The embedded mode: nothing installed, a SQLite file under DataRoot.</summary>
public class SqliteStartupTests : IDisposable
{
    readonly DirectoryInfo dataRoot = Directory.CreateTempSubdirectory("identity-sqlite-");

    IdentityFactory Start() => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:DataRoot"] = dataRoot.FullName,
    });

    [Fact]
    public async Task The_service_starts_on_SQLite_registers_citizens_and_issues_tokens_that_survive_a_restart()
    {
        string accessToken;
        await using (var app = Start())
        {
            using var client = app.CreateClient();
            var citizen = await Citizens.RegisterAsync(client);
            accessToken = (await Oidc.SignInAsync(app, (string)citizen["nationalId"]!, Citizens.Password)).AccessToken;
            var business = app.Client("demo-business");
            using var credentials = await Oidc.ClientCredentialsAsync(client, business.ClientId, business.ClientSecret!, "dossiers");
            Assert.Equal(HttpStatusCode.OK, credentials.StatusCode);
        }
        Assert.True(File.Exists(Path.Combine(dataRoot.FullName, "identity.db")));

        await using var restarted = Start();
        using var again = restarted.CreateClient();
        Assert.True((await Oidc.ValidateAsync(again, accessToken, "dossiers")).IsValid);
        var discovery = await again.GetFromJsonAsync<Dictionary<string, object>>("/.well-known/openid-configuration");
        Assert.Equal(Oidc.Issuer, discovery!["issuer"].ToString());
    }

    [Fact]
    public async Task Keys_given_in_configuration_are_used_instead_of_generated_ones()
    {
        using var rsa = RSA.Create(2048);
        var modulus = Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus);
        await using var app = new IdentityFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataRoot"] = dataRoot.FullName,
            ["Identity:SigningKey"] = rsa.ExportRSAPrivateKeyPem(),
            ["Identity:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        using var client = app.CreateClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");

        Assert.Equal(modulus, jwks.GetProperty("keys").EnumerateArray().Single().GetProperty("n").GetString());
        var business = app.Client("demo-business");
        using var credentials = await Oidc.ClientCredentialsAsync(client, business.ClientId, business.ClientSecret!, "dossiers");
        Assert.True((await Oidc.ValidateAsync(client, (await Oidc.TokensAsync(credentials)).AccessToken, "dossiers")).IsValid);
    }

    [Fact]
    public async Task The_login_throttle_counts_and_forgets_on_SQLite()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new IdentityFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataRoot"] = dataRoot.FullName,
        })
        { TestServices = s => IdentityFactory.UseClockExceptForMail(s, clock) };
        using var api = app.CreateClient();
        var user = (string)(await Citizens.RegisterAsync(api))["nationalId"]!;

        await LoginThrottleTests.FailAsync(app, null, user, 3);
        using (var first = await LoginThrottleTests.LoginAsync(app, null, user, Citizens.Password))
            await LoginThrottleTests.AssertThrottledAsync(first, 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        await LoginThrottleTests.FailAsync(app, null, user, 1);
        using (var second = await LoginThrottleTests.LoginAsync(app, null, user, Citizens.Password))
            await LoginThrottleTests.AssertThrottledAsync(second, 2);
        clock.Advance(TimeSpan.FromDays(1));
        await LoginThrottleTests.FailAsync(app, null, user, 1);
        using var afterADay = await LoginThrottleTests.LoginAsync(app, null, user, Citizens.Password);
        Assert.Equal(HttpStatusCode.Redirect, afterADay.StatusCode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataRoot.Delete(recursive: true);
    }
}
