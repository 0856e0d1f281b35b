using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PublicServices.Testing;

namespace PublicServices.Browser.Tests;

/// <summary>The steps people take on the portal, as a person takes them: by the labels and buttons they see.</summary>
public static partial class Journeys
{
    public const string BirthRegistration = "1.001193";
    public const string Ward = "000.20.01.H10";

    /// <summary>Waits to land on an address; if the page stays, fails with what the page says (its error summary).</summary>
    public static async Task ExpectUrlAsync(this Tab tab, string pattern)
    {
        try
        {
            await tab.Page.WaitForURLAsync(new Regex(pattern), new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var main = await tab.Page.Locator("main").InnerTextAsync();
            Assert.Fail($"expected {pattern}, still on {tab.Page.Url}:\n{main}");
        }
    }

    /// <summary>Submits the form or button that holds this text (the first match).</summary>
    public static Task ClickAsync(this Tab tab, string text) =>
        tab.Page.Locator($"button:has-text(\"{text}\"), a:has-text(\"{text}\")").First.ClickAsync();

    /// <summary>Clicks the button or link with this text and waits for the page it leads to; returns that page's answer.</summary>
    public static Task<IResponse> SubmitAsync(this Tab tab, string text) => tab.NavigateAsync(() => tab.ClickAsync(text));

    /// <summary>
    /// Runs an action that leads to another page and waits until it has loaded; returns its answer (after redirects).
    /// WaitForURL, which Playwright prefers, cannot tell a form that comes back to its own address from no navigation.
    /// </summary>
    public static async Task<IResponse> NavigateAsync(this Tab tab, Func<Task> action)
    {
#pragma warning disable CS0612
        return (await tab.Page.RunAndWaitForNavigationAsync(action))!;
#pragma warning restore CS0612
    }

    /// <summary>A citizen registered for the test, signed in on this tab; ends on <paramref name="returnPath"/>.</summary>
    public static async Task<Person> SignInAsNewCitizenAsync(this Tab tab, string returnPath = "/")
    {
        var person = await People.RegisteredCitizenAsync();
        await tab.SignInAsync(person.Email, person.Password, returnPath);
        return person;
    }

    /// <summary>Signs in on the identity service's login page (the tab is on it, or is sent there by the portal).</summary>
    public static async Task LogInAsync(this Tab tab, string userName, string password)
    {
        await tab.Page.WaitForURLAsync(new Regex("/account/login"));
        await tab.Page.FillAsync("input[name=userName]", userName);
        await tab.Page.FillAsync("input[name=password]", password);
        await tab.Page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
    }

    /// <summary>Opens the portal's sign-in and logs in; ends back on <paramref name="returnPath"/>.</summary>
    public static async Task SignInAsync(this Tab tab, string userName, string password, string returnPath = "/")
    {
        await tab.GoAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnPath));
        await tab.LogInAsync(userName, password);
        var target = returnPath.Split('?')[0];
        await tab.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath is var path && (path == target || path.StartsWith("/account/totp", StringComparison.Ordinal)));
        await tab.PassSecondFactorAsync(userName);
        await tab.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == target);
    }

    /// <summary>The authenticator app's keys of the officers this test run enrolled (the system lives as long as the run).</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AppKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// An officer must use an authenticator app (production mode): the first login sets it up with the key the page
    /// shows, later ones type its current code. Anyone else passes straight through.
    /// </summary>
    public static async Task PassSecondFactorAsync(this Tab tab, string userName)
    {
        var page = tab.Page;
        var path = new Uri(page.Url).AbsolutePath;
        if (path == "/account/totp")
        {
            var key = (await page.Locator("#totp-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
            AppKeys[userName] = key;
            await page.FillAsync("input[name=code]", CurrentCode(key));
            await page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
            await page.Locator("#recovery-codes").WaitForAsync();
            await page.Locator("main a").Last.ClickAsync();
        }
        else if (path == "/account/totp/verify")
        {
            await page.FillAsync("input[name=code]", CurrentCode(AppKeys[userName]));
            await page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
        }
    }

    public static string CurrentCode(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>
    /// From the login page, follows the link to register and registers; then opens the link mailed to the address
    /// (read from smtp4dev, as a person reads the mailbox) and logs in from the confirmation page, which goes on to
    /// where the login was going.
    /// </summary>
    public static async Task RegisterAsync(this Tab tab, Person person)
    {
        var page = tab.Page;
        await page.WaitForURLAsync(new Regex("/account/login"));
        await page.Locator("main a[href*='/account/register']").ClickAsync();
        await tab.SubmitRegistrationAsync(person);
        await page.GotoAsync((await Mailbox.LinkAsync(person.Email)).AbsoluteUri);
        Assert.Equal("Địa chỉ thư điện tử đã được xác nhận", await page.Locator("h1").InnerTextAsync());
        await tab.NavigateAsync(() => page.Locator("main a[href^='/account/login']").ClickAsync());
        await tab.LogInAsync(person.Email, person.Password);
    }

    /// <summary>On the registration page, fills the form with this person's details and sends it; ends on the "check your e-mail" page.</summary>
    public static async Task SubmitRegistrationAsync(this Tab tab, Person person)
    {
        var page = tab.Page;
        await page.FillAsync("input[name=fullName]", person.FullName);
        await page.FillAsync("input[name=nationalId]", person.NationalId);
        await page.FillAsync("input[name=email]", person.Email);
        await page.FillAsync("input[name=phone]", person.Phone);
        await page.FillAsync("input[name=password]", person.Password);
        await tab.NavigateAsync(() => page.Locator("main form[method=post] button[type=submit]").First.ClickAsync());
        Assert.Equal("Kiểm tra hộp thư của bạn", await page.Locator("h1").InnerTextAsync());
    }

    /// <summary>Fills the birth registration's form with valid answers, typed the way people type them.</summary>
    public static async Task FillBirthRegistrationAsync(this Tab tab)
    {
        var page = tab.Page;
        await page.FillAsync("#f-childFullName", "Nguyễn Minh Khôi");
        await page.FillAsync("#f-childDateOfBirth", "01/11/2026");
        await page.Locator("input[name=childSex][value=male]").CheckAsync();
        await page.FillAsync("#f-placeOfBirth", "Bệnh viện Đa khoa tỉnh Hà Tĩnh");
        await page.FillAsync("#f-motherFullName", "Trần Thị Lan");
        await page.FillAsync("#f-motherIdNumber", "042 190 123 456");
        await page.Locator("input[name=requesterRelationship][value=mother]").CheckAsync();
        await page.FillAsync("#f-requesterPhone", "0912 345 678");
    }

    /// <summary>Chooses a file for the document control whose section names this requirement, and uploads it.</summary>
    public static async Task UploadAsync(this Tab tab, string requirement, string fileName, string mime, byte[] content)
    {
        var form = tab.Page.Locator($"form[action$='/documents/{requirement}']");
        await form.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mime, Buffer = content });
        // With scripts the upload goes by XHR and the page then opens the address the server names; without, a post and a redirect.
        await tab.NavigateAsync(() => form.Locator("button[type=submit]").ClickAsync());
    }

    /// <summary>From the procedure page to a new draft's form; returns the form's path.</summary>
    public static async Task<string> StartBirthRegistrationAsync(this Tab tab)
    {
        await tab.GoAsync($"/procedures/{BirthRegistration}");
        await tab.ClickAsync("Bắt đầu nộp hồ sơ");
        await tab.ExpectUrlAsync("/applications/.+/form$");
        return new Uri(tab.Page.Url).AbsolutePath;
    }

    /// <summary>From the form, with valid answers and the birth certificate uploaded, to the check-your-answers page.</summary>
    public static async Task CompleteBirthRegistrationAsync(this Tab tab)
    {
        await tab.FillBirthRegistrationAsync();
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/documents$");
        await tab.UploadAsync("giay-chung-sinh", "giay-chung-sinh.pdf", "application/pdf", People.SamplePdf());
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/review$");
    }

    /// <summary>The whole application for a birth registration, from the procedure page to the receipt; returns the dossier's code.</summary>
    public static async Task<string> ApplyForBirthRegistrationAsync(this Tab tab)
    {
        await tab.StartBirthRegistrationAsync();
        await tab.CompleteBirthRegistrationAsync();
        await tab.ClickAsync("Nộp hồ sơ");
        await tab.ExpectUrlAsync("/receipt$");
        return (await tab.Page.Locator("[data-dossier-code]").InnerTextAsync()).Trim();
    }

    public const string JudicialRecord = "2.000488";

    /// <summary>
    /// The whole application for a judicial record certificate (a level-4 procedure with a fee), the result to be
    /// downloaded online; returns the dossier's code (the tab is on the receipt).
    /// </summary>
    public static async Task<string> ApplyForJudicialRecordAsync(this Tab tab)
    {
        var page = tab.Page;
        await tab.GoAsync($"/procedures/{JudicialRecord}");
        await tab.ClickAsync("Bắt đầu nộp hồ sơ");
        await tab.ExpectUrlAsync("/applications/.+/form$");
        await page.FillAsync("#f-fullName", "Nguyễn Văn Thử");
        await page.Locator("input[name=sex][value=male]").CheckAsync();
        await page.FillAsync("#f-dateOfBirth", "15/03/1990");
        await page.FillAsync("#f-placeOfBirth", "Hà Tĩnh");
        await page.FillAsync("#f-idNumber", "033 090 123 456");
        await page.FillAsync("#f-permanentAddress", "12 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh");
        await page.FillAsync("#f-phone", "0912 345 678");
        await page.FillAsync("#f-purpose", "Bổ sung hồ sơ xin việc");
        await page.Locator("input[name=certificateType][value='1']").CheckAsync();
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/documents$");
        await tab.UploadAsync("ban-chup-can-cuoc", "can-cuoc.pdf", "application/pdf", People.SamplePdf());
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/review$");
        await page.Locator("input[name=delivery][value=online]").CheckAsync();
        await tab.ClickAsync("Nộp hồ sơ");
        await tab.ExpectUrlAsync("/receipt$");
        return (await page.Locator("[data-dossier-code]").InnerTextAsync()).Trim();
    }

    /// <summary>Reloads a page until it shows what is awaited (the workflow reacts to events a moment later).</summary>
    public static async Task ReloadUntilAsync(this Tab tab, string path, Func<Task<bool>> shown, string what)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await tab.GoAsync(path);
            if (await shown()) return;
            await Task.Delay(500);
        }
        Assert.Fail($"{path} never showed {what}:\n{await tab.Page.Locator("main").InnerTextAsync()}");
    }

    /// <summary>A citizen registered for the test applies for a birth registration on a new tab; returns the tab, the code and the dossier's page.</summary>
    public static async Task<(Tab Tab, string Code, string DossierPath)> CitizenAppliesAsync(this PortalFixture portal)
    {
        var person = await People.RegisteredCitizenAsync();
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsync(person.Email, person.Password);
        var code = await citizen.ApplyForBirthRegistrationAsync();
        return (citizen, code, new Uri(citizen.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal));
    }

    /// <summary>An officer signed in on a new tab, on the inbox.</summary>
    public static async Task<Tab> OfficerAsync(this PortalFixture portal, string userName)
    {
        var officer = await portal.OpenAsync();
        await officer.SignInAsync(userName, People.OfficerPassword, "/officer");
        return officer;
    }

    /// <summary>An officer opens the task of this dossier from the inbox, once the workflow has put it there.</summary>
    public static async Task OpenTaskAsync(this Tab officer, string code)
    {
        var task = officer.Page.Locator($"main a:has-text('{code}')");
        await officer.ReloadUntilAsync("/officer", async () => await task.CountAsync() > 0, "the dossier " + code);
        await officer.NavigateAsync(() => task.ClickAsync());
    }

    /// <summary>An officer takes the task of this dossier from the inbox and sends a decision.</summary>
    public static async Task DecideAsync(this Tab officer, string code, string outcome, string? comment = null, params string[] documents)
    {
        await officer.OpenTaskAsync(code);
        await officer.Page.Locator($"input[name=outcome][value={outcome}]").CheckAsync();
        if (comment is not null) await officer.Page.FillAsync("#f-comment", comment);
        foreach (var d in documents) await officer.Page.Locator($"input[name=documents][value={d}]").CheckAsync();
        await officer.ClickAsync("Gửi quyết định");
        await officer.ExpectUrlAsync("/officer$");
    }

    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.H10-\d{6}-\d{4,5}$")]
    public static partial Regex DossierCode();
}

/// <summary>A page the tour stops on, and what it should show: a primary (green) button, the error summary of a failed post.</summary>
public sealed record Stop(string Name, bool PrimaryButton = true, bool ErrorSummary = false);

/// <summary>Who takes the tour: anyone (not signed in), a new citizen applying, the one-stop desk officer.</summary>
public enum Visitor { Anyone, Citizen, Officer }

/// <summary>
/// Every page of the portal in the states people meet it (anyone, a citizen applying, an officer deciding), with one
/// check run on each. Failures are collected rather than thrown, so one run names every page that fails.
/// </summary>
public sealed class PageTour(Tab tab, Func<Tab, Stop, Task> check)
{
    readonly List<string> failures = [];

    /// <summary>A new tab takes the visitor's tour with the check on every page; no page may fail it, nor anything go wrong in the tab.</summary>
    public static async Task TakeAsync(PortalFixture portal, Visitor visitor, Func<Tab, Stop, Task> check, bool phone = false)
    {
        var tab = await portal.OpenAsync(phone: phone);
        var tour = new PageTour(tab, check);
        switch (visitor)
        {
            case Visitor.Anyone:
                await tour.AnyoneAsync();
                break;
            case Visitor.Citizen:
                await tour.CitizenAsync();
                break;
            default:
                // The officer's task is a dossier a citizen has just submitted.
                var citizen = await portal.OpenAsync();
                await citizen.SignInAsNewCitizenAsync();
                await tour.OfficerAsync(await citizen.ApplyForBirthRegistrationAsync());
                break;
        }
        Assert.True(tour.failures.Count == 0, string.Join("\n\n", tour.failures));
        tab.AssertClean();
    }

    async Task AtAsync(Stop stop)
    {
        await tab.Page.WaitForLoadStateAsync(LoadState.Load);
        try
        {
            await check(tab, stop);
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or PlaywrightException or TimeoutException)
        {
            failures.Add($"[{stop.Name}] {tab.Page.Url}\n{e.Message}");
        }
    }

    async Task GoAsync(string path, Stop stop)
    {
        await tab.GoAsync(path);
        await AtAsync(stop);
    }

    /// <summary>Search, a procedure, the lookup, the error pages, and the identity service's login, register (and after it, check your e-mail), e-mail confirmation and logout pages.</summary>
    async Task AnyoneAsync()
    {
        await GoAsync("/", new("home"));
        await GoAsync("/?q=khai+sinh", new("search results"));
        await GoAsync($"/procedures/{Journeys.BirthRegistration}", new("procedure"));
        await GoAsync("/lookup", new("lookup"));
        await GoAsync("/lookup?code=", new("lookup with errors", ErrorSummary: true));
        await GoAsync("/error?status=500", new("error page", PrimaryButton: false));
        await GoAsync("/no-such-page", new("404 page", PrimaryButton: false));
        await GoAsync($"/verify/{Guid.NewGuid()}", new("verify a result"));
        await tab.NavigateAsync(() => tab.Page.Locator("main form[action='/verify'] button[type=submit]").ClickAsync());
        await AtAsync(new("verify without a file", ErrorSummary: true));
        await GoAsync("/signin?returnUrl=%2Fdossiers", new("login"));
        await tab.SubmitAsync("Đăng nhập");
        await AtAsync(new("login with errors", ErrorSummary: true));
        await tab.NavigateAsync(() => tab.Page.Locator("main a[href*='/account/register']").ClickAsync());
        await AtAsync(new("register"));
        await tab.SubmitAsync("Đăng ký");
        await AtAsync(new("register with errors", ErrorSummary: true));
        // The registration answers "check your e-mail" whatever the data; the mailed link's page then offers the login.
        var person = People.NewCitizen();
        await tab.SubmitRegistrationAsync(person);
        await AtAsync(new("check your email", PrimaryButton: false));
        await GoAsync((await Mailbox.LinkAsync(person.Email)).PathAndQuery, new("email confirmed"));
        await GoAsync("/account/logout", new("logout"));
    }

    /// <summary>A new citizen's pages from the empty list to the submitted dossier, failed posts included.</summary>
    async Task CitizenAsync()
    {
        await tab.SignInAsNewCitizenAsync("/dossiers");
        await AtAsync(new("my dossiers empty", PrimaryButton: false));
        await tab.StartBirthRegistrationAsync();
        await AtAsync(new("form"));
        await tab.SubmitAsync("Lưu và tiếp tục");
        await AtAsync(new("form with errors", ErrorSummary: true));
        await tab.FillBirthRegistrationAsync();
        await tab.SubmitAsync("Lưu và tiếp tục");
        await AtAsync(new("documents"));
        await tab.SubmitAsync("Lưu và tiếp tục");
        await AtAsync(new("documents with errors", ErrorSummary: true));
        await tab.UploadAsync("giay-chung-sinh", "giay-chung-sinh.pdf", "application/pdf", People.SamplePdf());
        await AtAsync(new("documents with a file"));
        await tab.SubmitAsync("Lưu và tiếp tục");
        await AtAsync(new("review"));
        await tab.Page.Locator("input[name=delivery][value=post]").CheckAsync();
        await tab.SubmitAsync("Nộp hồ sơ");
        await AtAsync(new("review with errors", ErrorSummary: true));
        await tab.Page.Locator("input[name=delivery][value=online]").CheckAsync();
        await tab.SubmitAsync("Nộp hồ sơ");
        await AtAsync(new("receipt", PrimaryButton: false));
        var code = (await tab.Page.Locator("[data-dossier-code]").InnerTextAsync()).Trim();
        await tab.SubmitAsync("Xem và theo dõi hồ sơ");
        await AtAsync(new("dossier", PrimaryButton: false));
        await GoAsync("/dossiers", new("my dossiers", PrimaryButton: false));
        await GoAsync("/lookup?code=" + Uri.EscapeDataString(code), new("lookup with a dossier"));
        await GoAsync("/profile", new("account", PrimaryButton: false));
        await GoAsync("/officer", new("officer page refused", PrimaryButton: false));
    }

    /// <summary>The one-stop desk's inbox and the task of this dossier, with a decision sent without its outcome.</summary>
    async Task OfficerAsync(string code)
    {
        var task = tab.Page.Locator($"main a:has-text('{code}')");
        await tab.SignInAsync($"desk@{Journeys.Ward}", People.OfficerPassword, "/officer");
        await tab.ReloadUntilAsync("/officer", async () => await task.CountAsync() > 0, "the dossier " + code);
        await AtAsync(new("inbox"));
        await tab.NavigateAsync(() => task.ClickAsync());
        await AtAsync(new("task"));
        await tab.SubmitAsync("Gửi quyết định");
        await AtAsync(new("task with errors", ErrorSummary: true));
        await GoAsync("/officer/results", new("results to post", PrimaryButton: false));
    }
}
