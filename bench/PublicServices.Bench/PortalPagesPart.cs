using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace PublicServices.Bench;

/// <summary>
/// Part 5: the portal's server-rendered pages through the gateway, many people at once: the search page and a
/// procedure's page as anonymous visitors, and a draft's application form as a signed-in citizen. Time to first byte
/// is the servers' share of a page view (the page's calls to the catalog and dossiers services, rendering, the gateway
/// hop); the weight is what a first visit downloads before compression: the HTML and the stylesheets and scripts it links.
/// </summary>
public static partial class PortalPagesPart
{
    const string Part = "5";
    const double TtfbTargetMs = 100;
    const long WeightTarget = 150_000;
    const string Password = "Citizen@2026!";

    /// <summary>A page to load; Cookie is the signed-in person's Cookie header, null for an anonymous visitor.</summary>
    sealed record Page(string Name, Uri Url, string? Cookie);

    /// <summary>Where a browser ended after following the redirects, and the HTML it got there.</summary>
    sealed record Landed(Uri Uri, string Html);

    sealed record Weight(long Html, List<(string Kind, Uri Url, long Bytes)> Assets)
    {
        public long Total => Html + Assets.Sum(a => a.Bytes);
        public long Of(string kind) => Assets.Where(a => a.Kind == kind).Sum(a => a.Bytes);
    }

    /// <summary>Ticks to the response headers and to the body's end, of the 200 answers only; every other outcome is a failure.</summary>
    sealed record LoadResult(double Seconds, long[] FirstByteTicks, long[] WholeTicks, Dictionary<string, int> Failures, string? FirstFailure)
    {
        public int Pages => FirstByteTicks.Length;
        public int Errors => Failures.Values.Sum();
    }

    public static async Task RunAsync(BenchOptions o, Api api, Report report)
    {
        var (form, cookie) = await SignedInDraftAsync(o, api);
        Page[] pages =
        [
            new("home (search)", api.Gateway("/"), null),
            new($"procedure {o.PageProcedure}", api.Gateway($"/procedures/{o.PageProcedure}"), null),
            new("application form, signed in", form, cookie),
        ];
        report.Note(Part, $"{o.PageUsers} users, each with its own HttpClient and connection, no redirects followed; the home and procedure pages "
            + $"as anonymous visitors, the form ({form.AbsolutePath}) with one citizen's session cookie shared by all users; "
            + $"{o.PageWarmupSeconds}-s warm-up, then {o.PageSeconds} s measured per page. Time to first byte = until the response headers "
            + "arrived (the body is then read to its end). \"bench\" in the CPU figures is this load generator, on the same cores as the servers.");

        var users = Enumerable.Range(0, o.PageUsers).Select(_ => new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        try
        {
            foreach (var page in pages)
            {
                var weight = await WeighAsync(api, page);
                report.Note(Part, $"{page.Name}: HTML {Kb(weight.Html)}"
                    + string.Concat(weight.Assets.Select(a => $" + {a.Url.AbsolutePath} {Kb(a.Bytes)}")) + $" = {Kb(weight.Total)}");
                report.Add(Part, $"Page weight, {page.Name} (HTML + linked CSS and JS, uncompressed)",
                    $"{Kb(weight.Total)} (HTML {Kb(weight.Html)}, CSS {Kb(weight.Of("CSS"))}, JS {Kb(weight.Of("JS"))})", "≤ 150 KB",
                    Format.F((double)weight.Total / WeightTarget, "0.000"), weight.Total <= WeightTarget);

                var warm = await LoadAsync(users, page, TimeSpan.FromSeconds(o.PageWarmupSeconds));
                if (warm.FirstFailure is not null)
                    report.Note(Part, $"{page.Name}: {warm.Errors} failures in the warm-up, the first: {warm.FirstFailure}");
                var probe = CpuProbe.Start(o, "gateway", "web", "catalog", "dossiers", "identity", "postgres", "bench");
                var run = await LoadAsync(users, page, TimeSpan.FromSeconds(o.PageSeconds));
                var cpu = probe.Summary();
                var perPage = string.Join(", ", probe.Seconds().Where(c => c.Value > 0.05)
                    .Select(c => $"{c.Key} {Format.F(c.Value * 1000 / Math.Max(1, run.Pages), "0.00")}"));
                Array.Sort(run.FirstByteTicks);
                Array.Sort(run.WholeTicks);
                var (p50, p95, p99) = (Ms(run.FirstByteTicks, 0.5), Ms(run.FirstByteTicks, 0.95), Ms(run.FirstByteTicks, 0.99));
                var perSecond = run.Pages / run.Seconds;
                report.Note(Part, $"{page.Name}: {run.Pages} pages in {Format.F(run.Seconds)} s, {Format.F(perSecond, "0")}/s; time to first byte "
                    + $"p50 {Format.F(p50)} ms, p95 {Format.F(p95)} ms, p99 {Format.F(p99)} ms, max {Format.F(Ms(run.FirstByteTicks, 1))} ms; "
                    + $"whole page p50 {Format.F(Ms(run.WholeTicks, 0.5))} ms, p99 {Format.F(Ms(run.WholeTicks, 0.99))} ms; "
                    + (run.Errors == 0 ? "no errors"
                        : $"errors {string.Join(", ", run.Failures.Select(f => $"{f.Key}×{f.Value}"))}, the first: {run.FirstFailure}"));
                report.Note(Part, $"{page.Name}: {cpu}; CPU ms per page: {perPage}");
                report.Add(Part, $"Time to first byte p95, {page.Name} ({o.PageUsers} users)",
                    $"{Format.F(p95)} ms (p50 {Format.F(p50)}, p99 {Format.F(p99)} ms; {Format.F(perSecond, "0")} pages/s; {run.Errors} errors)",
                    "≤ 100 ms, no errors", Format.F(p95 / TtfbTargetMs, "0.000"), p95 <= TtfbTargetMs && run.Errors == 0);
            }
        }
        finally
        {
            foreach (var user in users)
                user.Dispose();
        }
    }

    /// <summary>
    /// A citizen registers, signs in as a browser does (the portal's /signin, the identity service's login form, back
    /// through /signin-oidc) and starts an application for the procedure: the draft's form page and the browser's
    /// cookies for it (the session cookie ps.web among them).
    /// </summary>
    static async Task<(Uri Form, string Cookie)> SignedInDraftAsync(BenchOptions o, Api api)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.None,
        });
        // A CCCD number: Hà Nội (001), a man born in 1985, six random digits.
        var nationalId = "001085" + Random.Shared.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        using (var registered = await browser.PostAsJsonAsync(api.Gateway("/api/identity/citizens"), new
        {
            fullName = "Người Dùng Thử",
            nationalId,
            email = $"bench.{nationalId}@example.org",
            phone = "0912345678",
            password = Password,
        }))
            if (registered.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException(
                    $"registering a citizen answered {(int)registered.StatusCode}: {Api.Trim(await registered.Content.ReadAsStringAsync())}");
        // The account logs in once its e-mail is confirmed. The bench's identity service has no mail server, so the
        // message with the link waits in its mail queue (sent to the log); open the link as the mailbox's owner would.
        var link = await ConfirmationLinkAsync(o, $"bench.{nationalId}@example.org");
        using (var confirmed = await browser.GetAsync(link))
            if (confirmed.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"confirming the citizen's e-mail answered {(int)confirmed.StatusCode}");

        var login = await FollowAsync(browser, HttpMethod.Get, api.Gateway("/signin?returnUrl=/"), null, "/account/login");
        // Posted, the login goes back to /connect/authorize, then to the portal's /signin-oidc and the return address.
        await SubmitAsync(browser, login, "/account/login", "/", ("userName", nationalId), ("password", Password));
        var procedurePath = $"/procedures/{o.PageProcedure}";
        var procedure = await FollowAsync(browser, HttpMethod.Get, api.Gateway(procedurePath), null, procedurePath);
        var form = await SubmitAsync(browser, procedure, procedurePath, "/applications/*/form");
        var cookie = cookies.GetCookieHeader(form.Uri);
        if (!cookie.Contains("ps.web=", StringComparison.Ordinal))
            throw new InvalidOperationException($"signed in, but the browser holds no ps.web cookie (it holds: {cookie})");
        return (form.Uri, cookie);
    }

    /// <summary>The confirmation link in the message to <paramref name="email"/>, read from the identity database's mail queue.</summary>
    static async Task<Uri> ConfirmationLinkAsync(BenchOptions o, string email)
    {
        var identity = new Npgsql.NpgsqlConnectionStringBuilder(o.Postgres) { Database = o.DatabasePrefix + "identity" };
        await using var db = new Npgsql.NpgsqlConnection(identity.ConnectionString);
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("""SELECT "Text" FROM "MailQueue" WHERE "To" = @to ORDER BY "CreatedAt" DESC LIMIT 1""", db);
        query.Parameters.AddWithValue("to", email);
        var text = await query.ExecuteScalarAsync() as string ?? throw new InvalidOperationException($"no message to {email} in the mail queue");
        return Regex.Match(text, @"https?://\S+/account/confirm\S+") is { Success: true } m ? new Uri(m.Value)
            : throw new InvalidOperationException("the message has no confirmation link");
    }

    /// <summary>
    /// Posts the page's form whose action is <paramref name="action"/> as a browser would: its hidden fields (antiforgery
    /// token, return address) and the typed ones.
    /// </summary>
    static Task<Landed> SubmitAsync(HttpClient browser, Landed page, string action, string expectedPath, params (string Name, string Value)[] typed)
    {
        foreach (Match form in FormElement().Matches(page.Html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            var target = attributes.GetValueOrDefault("action") is { Length: > 0 } a ? new Uri(page.Uri, a) : page.Uri;
            if (!string.Equals(attributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase) || target.AbsolutePath != action)
                continue;
            var fields = InputElement().Matches(form.Groups[2].Value).Select(i => Attributes(i.Value))
                .Where(i => string.Equals(i.GetValueOrDefault("type"), "hidden", StringComparison.OrdinalIgnoreCase) && i.ContainsKey("name"))
                .Select(i => new KeyValuePair<string, string>(i["name"], i.GetValueOrDefault("value") ?? ""))
                .Concat(typed.Select(t => new KeyValuePair<string, string>(t.Name, t.Value)));
            return FollowAsync(browser, HttpMethod.Post, target, new FormUrlEncodedContent(fields), expectedPath);
        }
        throw new InvalidOperationException($"{page.Uri.AbsolutePath} has no form posting to {action}");
    }

    /// <summary>
    /// Sends a request and follows its redirects; the last answer must be a 200 at <paramref name="expectedPath"/>
    /// ('*' stands for one path segment), or the text of the page where it stopped explains why not.
    /// </summary>
    static async Task<Landed> FollowAsync(HttpClient browser, HttpMethod method, Uri url, HttpContent? content, string expectedPath)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var landed = response.RequestMessage?.RequestUri ?? url;
        var segments = landed.AbsolutePath.Split('/');
        var expected = expectedPath.Split('/');
        if (response.StatusCode != HttpStatusCode.OK || segments.Length != expected.Length
            || segments.Zip(expected).Any(s => s.Second != "*" && s.First != s.Second))
            throw new InvalidOperationException($"{method} {url.AbsolutePath} ended at {landed.AbsolutePath} with {(int)response.StatusCode}, "
                + $"not at {expectedPath}: {Api.Trim(MainText(html))}");
        return new Landed(landed, html);
    }

    /// <summary>The words of the page's main element (its error summary, when there is one), for a failure's message.</summary>
    static string MainText(string html)
    {
        var main = MainElement().Match(html) is { Success: true } m ? m.Groups[1].Value : html;
        return WebUtility.HtmlDecode(Whitespace().Replace(Tag().Replace(main, " "), " ")).Trim();
    }

    /// <summary>The page's HTML and every stylesheet and script it links, as the servers send them without Accept-Encoding.</summary>
    static async Task<Weight> WeighAsync(Api api, Page page)
    {
        var html = await BytesAsync(api, page.Url, page.Cookie);
        var text = Encoding.UTF8.GetString(html);
        var assets = new List<(string Kind, Uri Url, long Bytes)>();
        foreach (var (kind, url) in Linked(page.Url, text).Distinct())
            assets.Add((kind, url, (await BytesAsync(api, url, null)).LongLength));
        return new Weight(html.LongLength, assets);
    }

    /// <summary>Stylesheets (link rel=stylesheet) and scripts (script src); fonts, which the stylesheets would load, are not counted.</summary>
    static IEnumerable<(string Kind, Uri Url)> Linked(Uri page, string html)
    {
        foreach (Match tag in LinkElement().Matches(html))
        {
            var attributes = Attributes(tag.Value);
            if (attributes.GetValueOrDefault("rel") is { } rel && attributes.GetValueOrDefault("href") is { } href
                && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("stylesheet", StringComparer.OrdinalIgnoreCase))
                yield return ("CSS", new Uri(page, href));
        }
        foreach (Match tag in ScriptElement().Matches(html))
            if (Attributes(tag.Value).GetValueOrDefault("src") is { } src)
                yield return ("JS", new Uri(page, src));
    }

    static async Task<byte[]> BytesAsync(Api api, Uri url, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var response = await api.Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url.PathAndQuery} answered {(int)response.StatusCode}");
        if (response.Content.Headers.ContentEncoding.Count > 0)
            throw new InvalidOperationException(
                $"GET {url.PathAndQuery} came {string.Join(", ", response.Content.Headers.ContentEncoding)}-encoded without Accept-Encoding");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Each user asks for the page again as soon as it has the last one, until the time is up.</summary>
    static async Task<LoadResult> LoadAsync(HttpClient[] users, Page page, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            var firstByte = new List<long>(4096);
            var whole = new List<long>(4096);
            var failures = new Dictionary<string, int>();
            string? first = null;
            while (clock.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, page.Url);
                if (page.Cookie is not null)
                    request.Headers.TryAddWithoutValidation("Cookie", page.Cookie);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await user.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    var headers = Stopwatch.GetTimestamp() - started;
                    await response.Content.CopyToAsync(Stream.Null);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        firstByte.Add(headers);
                        whole.Add(Stopwatch.GetTimestamp() - started);
                        continue;
                    }
                    var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    failures[status] = failures.GetValueOrDefault(status) + 1;
                    first ??= $"{status}{(response.Headers.Location is { } to ? " to " + to : "")}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures[e.GetType().Name] = failures.GetValueOrDefault(e.GetType().Name) + 1;
                    first ??= e.Message;
                }
            }
            return (firstByte, whole, failures, first);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var merged = new Dictionary<string, int>();
        foreach (var r in results)
            foreach (var (what, count) in r.failures)
                merged[what] = merged.GetValueOrDefault(what) + count;
        return new LoadResult(seconds, results.SelectMany(r => r.firstByte).ToArray(), results.SelectMany(r => r.whole).ToArray(), merged,
            results.Select(r => r.first).FirstOrDefault(f => f is not null));
    }

    /// <summary>The value at quantile q of sorted ticks, in ms.</summary>
    static double Ms(long[] sortedTicks, double q) => sortedTicks.Length == 0 ? double.NaN
        : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(q * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    /// <summary>Kilobytes of 1,000 bytes, as the target counts them.</summary>
    static string Kb(long bytes) => Format.F(bytes / 1000.0) + " KB";

    /// <summary>An element's attributes by name, values HTML-decoded (quoted with " or ', or bare).</summary>
    static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).GroupBy(m => m.Groups[1].Value, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value + g.First().Groups[3].Value + g.First().Groups[4].Value),
                StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FormElement();
    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();
    [GeneratedRegex(@"<link\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkElement();
    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();
    [GeneratedRegex(@"<main\b[^>]*>(.*?)</main>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MainElement();
    [GeneratedRegex(@"([^\s=/<>""']+)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>""']+))")]
    private static partial Regex Attribute();
    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
