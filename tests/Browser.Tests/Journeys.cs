using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PublicServices.Browser.Tests;

/// <summary>The steps people take on the portal, as a person takes them: by the labels and buttons they see.</summary>
public static partial class Journeys
{
    public const string BirthRegistration = "1.001193";

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
        await tab.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnPath.Split('?')[0]);
    }

    /// <summary>From the login page, follows the link to register and registers.</summary>
    public static async Task RegisterAsync(this Tab tab, Person person)
    {
        await tab.Page.WaitForURLAsync(new Regex("/account/login"));
        await tab.Page.Locator("main a[href*='/account/register']").ClickAsync();
        await tab.Page.FillAsync("input[name=fullName]", person.FullName);
        await tab.Page.FillAsync("input[name=nationalId]", person.NationalId);
        await tab.Page.FillAsync("input[name=email]", person.Email);
        await tab.Page.FillAsync("input[name=phone]", person.Phone);
        await tab.Page.FillAsync("input[name=password]", person.Password);
        await tab.Page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
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
        await form.Locator("button[type=submit]").ClickAsync();
        await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>The whole application for a birth registration, from the procedure page to the receipt; returns the dossier's code.</summary>
    public static async Task<string> ApplyForBirthRegistrationAsync(this Tab tab)
    {
        await tab.GoAsync($"/procedures/{BirthRegistration}");
        await tab.ClickAsync("Bắt đầu nộp hồ sơ");
        await tab.ExpectUrlAsync("/applications/.+/form$");
        await tab.FillBirthRegistrationAsync();
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/documents$");
        await tab.UploadAsync("giay-chung-sinh", "giay-chung-sinh.pdf", "application/pdf", People.SamplePdf());
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/review$");
        await tab.ClickAsync("Nộp hồ sơ");
        await tab.ExpectUrlAsync("/receipt$");
        return (await tab.Page.Locator("[data-dossier-code]").InnerTextAsync()).Trim();
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

    /// <summary>An officer takes the task of this dossier from the inbox and sends a decision.</summary>
    public static async Task DecideAsync(this Tab officer, string code, string outcome, string? comment = null, params string[] documents)
    {
        await officer.ReloadUntilAsync("/officer", async () => await officer.Page.Locator($"main a:has-text('{code}')").CountAsync() > 0, "the dossier " + code);
        await officer.Page.Locator($"main a:has-text('{code}')").ClickAsync();
        await officer.Page.Locator($"input[name=outcome][value={outcome}]").CheckAsync();
        if (comment is not null) await officer.Page.FillAsync("#f-comment", comment);
        foreach (var d in documents) await officer.Page.Locator($"input[name=documents][value={d}]").CheckAsync();
        await officer.ClickAsync("Gửi quyết định");
        await officer.ExpectUrlAsync("/officer$");
    }

    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.H10-\d{6}-\d{4,5}$")]
    public static partial Regex DossierCode();
}
