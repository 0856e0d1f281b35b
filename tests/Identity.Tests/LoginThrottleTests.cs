using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PublicServices.Identity.Data;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>
/// A clock the tests move, loopback (the gateway) trusted to name the client in X-Forwarded-For, and a password hasher
/// that counts its checks. The throttle's settings are the defaults: 3 failures per account and address, 10 per account,
/// 20 per address, then 1, 2, 4 … seconds up to 15 minutes.
/// </summary>
public sealed class LoginThrottleFixture : IdentityFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public CountingHasher Hasher { get; } = new();

    protected override (string Key, string? Value)[] Settings => [("TrustedProxies:0", "127.0.0.1")];

    protected override void TestServices(IServiceCollection services)
    {
        IdentityFactory.UseClockExceptForMail(services, Clock);
        services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher);
    }

    /// <summary>Another replica: its own process state, the same database, clock and settings.</summary>
    public IdentityFactory Replica(params (string Key, string? Value)[] settings) =>
        new(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:identity"] = Database.ConnectionString,
        }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).ToDictionary())
        { TestServices = TestServices };
}

public sealed class CountingHasher : PasswordHasher<ApplicationUser>
{
    int checks;

    public int Checks => Volatile.Read(ref checks);

    public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref checks);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class LoginThrottleTests(LoginThrottleFixture fixture) : IClassFixture<LoginThrottleFixture>
{
    internal const string Wrong = "Sai@matkhau1";
    static int nextAddress = Random.Shared.Next(1, 200) * 250;

    IdentityFactory App => fixture.App;

    [Fact]
    public async Task An_attackers_failures_do_not_lock_the_owner_out_who_logs_in_at_once_from_another_address()
    {
        var owner = await CitizenAsync();
        var attacker = NewAddress();

        for (var i = 0; i < 6; i++)
        {
            await FailAsync(App, attacker, owner, 1);
            fixture.Clock.Advance(TimeSpan.FromSeconds(30)); // past each delay: all six are real failures
        }
        using var ownLogin = await LoginAsync(App, NewAddress(), owner, Citizens.Password);

        AssertLoggedIn(ownLogin);
    }

    [Fact]
    public async Task After_three_failures_from_one_address_the_next_attempt_waits_with_a_message_and_the_password_is_not_checked()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        await FailAsync(App, address, user, 3);
        var checks = fixture.Hasher.Checks;

        using var throttled = await LoginAsync(App, address, user, Citizens.Password);

        await AssertThrottledAsync(throttled, 1);
        Assert.Equal(checks, fixture.Hasher.Checks);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        using var afterTheWait = await LoginAsync(App, address, user, Citizens.Password);
        AssertLoggedIn(afterTheWait);
    }

    [Fact]
    public async Task The_delay_doubles_with_each_further_failure()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        await FailAsync(App, address, user, 3);

        foreach (var seconds in new[] { 1, 2, 4, 8 })
        {
            using var throttled = await LoginAsync(App, address, user, Wrong);
            await AssertThrottledAsync(throttled, seconds);
            fixture.Clock.Advance(TimeSpan.FromSeconds(seconds));
            await FailAsync(App, address, user, 1);
        }
    }

    [Fact]
    public async Task Attempts_sent_all_at_once_get_no_more_password_checks_than_attempts_one_after_another()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        var checks = fixture.Hasher.Checks;

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LoginAsync(App, address, user, Wrong)));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, fixture.Hasher.Checks - checks);
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task A_successful_login_clears_the_count_of_its_account_and_address()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        await FailAsync(App, address, user, 2);
        (await LoginAsync(App, address, user, Citizens.Password)).Dispose();
        await FailAsync(App, address, user, 2);

        using var fifthAttempt = await LoginAsync(App, address, user, Citizens.Password);

        AssertLoggedIn(fifthAttempt);
    }

    [Fact]
    public async Task Unknown_and_known_user_names_get_the_same_answers_and_the_same_password_work()
    {
        var known = await CitizenAsync();
        var unknown = (string)Citizens.Valid()["nationalId"]!;
        var (knownAddress, unknownAddress) = (NewAddress(), NewAddress());

        for (var i = 0; i < 4; i++)
        {
            var checks = fixture.Hasher.Checks;
            using var forKnown = await LoginAsync(App, knownAddress, known, Wrong);
            var knownChecks = fixture.Hasher.Checks - checks;
            using var forUnknown = await LoginAsync(App, unknownAddress, unknown, Wrong);
            var unknownChecks = fixture.Hasher.Checks - checks - knownChecks;

            Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
            Assert.Equal(forKnown.Headers.RetryAfter?.Delta, forUnknown.Headers.RetryAfter?.Delta);
            Assert.Equal(ErrorText(await forKnown.Content.ReadAsStringAsync()), ErrorText(await forUnknown.Content.ReadAsStringAsync()));
            Assert.Equal(knownChecks, unknownChecks);
            Assert.Equal(i < 3 ? 1 : 0, unknownChecks);
        }
    }

    [Fact]
    public async Task Guessing_at_many_accounts_from_one_address_is_throttled_too()
    {
        var sprayer = NewAddress();
        for (var i = 0; i < 20; i++)
            await FailAsync(App, sprayer, (string)Citizens.Valid()["nationalId"]!, 1);
        var victim = await CitizenAsync();

        using var throttled = await LoginAsync(App, sprayer, victim, Citizens.Password);
        using var elsewhere = await LoginAsync(App, NewAddress(), victim, Citizens.Password);

        await AssertThrottledAsync(throttled, 1);
        AssertLoggedIn(elsewhere);
    }

    [Fact]
    public async Task Wrong_second_step_codes_of_either_kind_count_like_wrong_passwords_and_a_waiting_code_is_not_checked()
    {
        using var api = App.CreateClient();
        var user = (string)(await Citizens.RegisterAsync(api))["nationalId"]!;
        using var setUp = App.Browser();
        await Oidc.AuthorizationCodeAsync(setUp, Oidc.Pkce.New(), user, Citizens.Password);
        var enrolment = await TwoFactor.EnrolAsync(setUp);
        using var browser = App.Browser();
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        using var login = await Oidc.SubmitLoginAsync(browser, Oidc.Location(authorize), user, Citizens.Password);
        var verify = Oidc.Location(login);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await TwoFactor.SubmitCodeAsync(browser, verify,
                i % 2 == 0 ? TwoFactor.WrongCode(enrolment.Key) : "ZZZZZ-ZZZZZ", recovery: i % 2 == 1);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        using var right = await TwoFactor.SubmitCodeAsync(browser, verify, TwoFactor.Code(enrolment.Key));
        using var recovery = await TwoFactor.SubmitCodeAsync(browser, verify, enrolment.RecoveryCodes[0], recovery: true);

        foreach (var (throttled, field) in new[] { (right, "code"), (recovery, "recoveryCode") })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
            Assert.Contains($"<a href=\"#f-{field}\">Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 giây.</a>",
                await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        // The recovery code tried while waiting was not used up.
        using var afterTheWait = await TwoFactor.SubmitCodeAsync(browser, verify, enrolment.RecoveryCodes[0], recovery: true);
        Assert.Equal(HttpStatusCode.Redirect, afterTheWait.StatusCode);
    }

    [Fact]
    public async Task A_count_quiet_for_a_day_starts_again()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        await FailAsync(App, address, user, 3);
        fixture.Clock.Advance(TimeSpan.FromDays(1));

        await FailAsync(App, address, user, 3);
        using var throttled = await LoginAsync(App, address, user, Wrong);
        await AssertThrottledAsync(throttled, 1);
    }

    [Fact]
    public async Task Two_replicas_on_one_database_share_the_counts()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        await using var second = fixture.Replica(("TrustedProxies:0", "127.0.0.1"));
        await FailAsync(App, address, user, 1);
        await FailAsync(second, address, user, 1);
        await FailAsync(App, address, user, 1);

        using var onTheOther = await LoginAsync(second, address, user, Citizens.Password);
        using var onTheFirst = await LoginAsync(App, address, user, Citizens.Password);

        await AssertThrottledAsync(onTheOther, 1);
        await AssertThrottledAsync(onTheFirst, 1);
    }

    [Fact]
    public async Task Without_trusted_proxies_a_made_up_forwarded_address_does_not_buy_new_attempts()
    {
        var user = await CitizenAsync();
        await using var untrusting = fixture.Replica();
        foreach (var madeUp in new[] { NewAddress(), NewAddress(), NewAddress() })
            await FailAsync(untrusting, madeUp, user, 1);

        using var throttled = await LoginAsync(untrusting, NewAddress(), user, Citizens.Password);

        await AssertThrottledAsync(throttled, 1);
    }

    [Fact]
    public async Task The_message_is_in_Vietnamese_by_default_and_in_minutes_for_long_waits()
    {
        var user = await CitizenAsync();
        var address = NewAddress();
        await FailAsync(App, address, user, 3);
        for (var wait = 1; wait <= 64; wait *= 2)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(wait));
            await FailAsync(App, address, user, 1);
        }

        using var throttled = await LoginAsync(App, address, user, Wrong, culture: "vi");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(128), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 3 phút.", ErrorText(await throttled.Content.ReadAsStringAsync()));
    }

    async Task<string> CitizenAsync()
    {
        using var api = App.CreateClient();
        return (string)(await Citizens.RegisterAsync(api))["nationalId"]!;
    }

    /// <summary>A client address of its own for each use (TEST-NET-3), so tests never share an address's count.</summary>
    static string NewAddress()
    {
        var n = Interlocked.Increment(ref nextAddress);
        return $"203.0.{n / 250 % 250}.{n % 250 + 1}";
    }

    /// <summary>Wrong passwords that are really checked (answered 200 with the form again, not 429).</summary>
    internal static async Task FailAsync(IdentityFactory app, string? address, string userName, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var failed = await LoginAsync(app, address, userName, Wrong);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
    }

    internal static async Task<HttpResponseMessage> LoginAsync(IdentityFactory app, string? address, string userName, string password, string culture = "en")
    {
        using var browser = app.Browser();
        if (address is not null)
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return await Oidc.SubmitLoginAsync(browser, new Uri($"/account/login?culture={culture}", UriKind.Relative), userName, password);
    }

    static void AssertLoggedIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ps.identity=", StringComparison.Ordinal)));
    }

    internal static async Task AssertThrottledAsync(HttpResponseMessage response, int seconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(seconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal($"Too many failed login attempts. Please try again in {seconds} second(s).", ErrorText(await response.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ps.identity=", StringComparison.Ordinal)));
    }

    /// <summary>The login form's message on the user name field (from the error summary's link).</summary>
    static string ErrorText(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<a href=\"#f-userName\">([^<]*)</a>") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";
}
