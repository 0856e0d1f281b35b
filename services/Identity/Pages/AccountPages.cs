using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using FromForm = Microsoft.AspNetCore.Mvc.FromFormAttribute;
using Microsoft.AspNetCore.WebUtilities;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using static PublicServices.Identity.Pages.Html;
using static PublicServices.ServiceDefaults.Problems;

namespace PublicServices.Identity.Pages;

/// <summary>
/// Login, registration and logout pages (GET renders, POST acts; antiforgery on every form). Vietnamese by default,
/// English with ?culture=en, which is remembered in the culture cookie.
/// </summary>
public static class AccountPages
{
    public const string LoginPath = "/account/login";
    public const string RegisterPath = "/account/register";
    public const string LogoutPath = "/account/logout";

    public static WebApplication MapAccountPages(this WebApplication app)
    {
        // Pages for anonymous visitors by nature; the forms are protected by antiforgery tokens.
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(async (ctx, next) => { RememberCulture(ctx.HttpContext); return await next(ctx); });
        account.MapGet("/login", (HttpContext http, IAntiforgery af, string? returnUrl) => LoginPage(http, af, returnUrl, null, null));
        account.MapPost("/login", Login);
        account.MapGet("/register", (HttpContext http, IAntiforgery af, string? returnUrl) => RegisterPage(http, af, returnUrl, null, null));
        account.MapPost("/register", Register);
        account.MapGet("/logout", LogoutPage);
        account.MapPost("/logout", Logout);
        return app;
    }

    static async Task<Results<RedirectHttpResult, ContentHttpResult>> Login(HttpContext http, IAntiforgery antiforgery,
        UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
        [FromForm(Name = "userName")] string? userName, [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userName))
            errors["userName"] = [Text("Vui lòng nhập số định danh cá nhân, email hoặc tên đăng nhập.", "Enter your ID number, email or user name.")];
        if (string.IsNullOrEmpty(password))
            errors["password"] = [Text("Vui lòng nhập mật khẩu.", "Enter your password.")];
        if (errors.Count == 0)
        {
            var name = userName!.Trim();
            var user = await users.FindByNameAsync(name) ?? (name.Contains('@') ? await users.FindByEmailAsync(name) : null);
            var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
                return TypedResults.Redirect(LocalOrRoot(returnUrl));
            errors["userName"] = result.IsLockedOut
                ? [Text("Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.",
                    "The account is locked for a few minutes after too many failed attempts. Please try again later.")]
                : [Text("Thông tin đăng nhập hoặc mật khẩu không đúng.", "The user name or password is not correct.")];
        }
        return LoginPage(http, antiforgery, returnUrl, userName, errors);
    }

    static ContentHttpResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? userName, Dictionary<string, string[]>? errors)
    {
        var local = LocalOrNull(returnUrl);
        var fields =
            Field(new("userName", Text("Số định danh cá nhân, email hoặc tên đăng nhập", "ID number, email or user name"),
                Value: userName, Hint: Text("Công dân dùng số CCCD gồm 12 chữ số.", "Citizens use their 12-digit CCCD number."),
                Autocomplete: "username"), errors)
            + Field(new("password", Text("Mật khẩu", "Password"), Type: "password", Autocomplete: "current-password"), errors)
            + ReturnUrlInput(local);
        var body = Form(http, antiforgery, WithReturnUrl(LoginPath, local), fields, Text("Đăng nhập", "Log in"))
                   + $"""<p>{E(Text("Chưa có tài khoản?", "No account yet?"))} <a href="{E(WithReturnUrl(RegisterPath, local))}">{E(Text("Đăng ký tài khoản công dân", "Register as a citizen"))}</a></p>""";
        return Page(http, Text("Đăng nhập", "Log in"), body, errors);
    }

    static async Task<Results<RedirectHttpResult, ContentHttpResult>> Register(HttpContext http, IAntiforgery antiforgery,
        CitizenRegistrar registrar, SignInManager<ApplicationUser> signIn,
        [FromForm(Name = "fullName")] string? fullName, [FromForm(Name = "nationalId")] string? nationalId,
        [FromForm(Name = "email")] string? email, [FromForm(Name = "phone")] string? phone,
        [FromForm(Name = "password")] string? password, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        var input = new CitizenRegistration(fullName, nationalId, email, phone, password);
        switch (await registrar.RegisterAsync(input, http.RequestAborted))
        {
            case RegistrationOutcome.Registered r:
                await signIn.SignInAsync(r.User, isPersistent: false);
                return TypedResults.Redirect(LocalOrRoot(returnUrl));
            case RegistrationOutcome.Invalid i:
                return RegisterPage(http, antiforgery, returnUrl, input, i.Errors);
            case RegistrationOutcome.Taken t:
                return RegisterPage(http, antiforgery, returnUrl, input, t.Errors, StatusCodes.Status409Conflict);
            default:
                throw new InvalidOperationException("Unknown registration outcome.");
        }
    }

    static ContentHttpResult RegisterPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl, CitizenRegistration? input,
        Dictionary<string, string[]>? errors, int status = StatusCodes.Status200OK)
    {
        var local = LocalOrNull(returnUrl);
        var fields =
            Field(new("fullName", Text("Họ và tên", "Full name"), Value: input?.FullName,
                Hint: Text("Như trên thẻ căn cước công dân.", "As written on your citizen identity card."), Autocomplete: "name"), errors)
            + Field(new("nationalId", Text("Số định danh cá nhân (số CCCD)", "Personal ID number (CCCD number)"), Value: input?.NationalId,
                Hint: Text("12 chữ số, ví dụ 001099012345.", "12 digits, for example 001099012345."), Autocomplete: "off", InputMode: "numeric"), errors)
            + Field(new("email", Text("Email", "Email"), Type: "email", Value: input?.Email, Autocomplete: "email"), errors)
            + Field(new("phone", Text("Số điện thoại di động", "Mobile phone number"), Type: "tel", Value: input?.Phone,
                Hint: Text("10 chữ số bắt đầu bằng 0, hoặc +84.", "10 digits starting with 0, or +84."), Autocomplete: "tel", InputMode: "tel"), errors)
            + Field(new("password", Text("Mật khẩu", "Password"), Type: "password",
                Hint: Text("Ít nhất 8 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
                    "At least 8 characters with uppercase and lowercase letters, a digit and a symbol."), Autocomplete: "new-password"), errors)
            + ReturnUrlInput(local);
        var body = Form(http, antiforgery, WithReturnUrl(RegisterPath, local), fields, Text("Đăng ký", "Register"))
                   + $"""<p>{E(Text("Đã có tài khoản?", "Already registered?"))} <a href="{E(WithReturnUrl(LoginPath, local))}">{E(Text("Đăng nhập", "Log in"))}</a></p>""";
        return Page(http, Text("Đăng ký tài khoản công dân", "Citizen registration"), body, errors, status);
    }

    static ContentHttpResult LogoutPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl)
    {
        var local = LocalOrNull(returnUrl);
        var body = $"<p>{E(Text("Bạn có muốn đăng xuất khỏi Cổng Dịch vụ công?", "Do you want to log out of the Public Service Portal?"))}</p>"
                   + Form(http, antiforgery, WithReturnUrl(LogoutPath, local), ReturnUrlInput(local), Text("Đăng xuất", "Log out"));
        return Page(http, Text("Đăng xuất", "Log out"), body);
    }

    static async Task<RedirectHttpResult> Logout(SignInManager<ApplicationUser> signIn, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.Redirect(LocalOrNull(returnUrl) ?? LoginPath);
    }

    /// <summary>Only addresses on this site are followed after a login, so the page cannot send people elsewhere.</summary>
    internal static string? LocalOrNull(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url : null;

    static string LocalOrRoot(string? url) => LocalOrNull(url) ?? "/";

    static string ReturnUrlInput(string? returnUrl) =>
        returnUrl is null ? "" : $"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(returnUrl)}\">";

    static string WithReturnUrl(string path, string? returnUrl) =>
        returnUrl is null ? path : QueryHelpers.AddQueryString(path, "returnUrl", returnUrl);

    /// <summary>?culture=vi|en switches the language and keeps it for the next pages (and the form posts).</summary>
    static void RememberCulture(HttpContext http)
    {
        var culture = http.Request.Query["culture"].ToString();
        if (culture is "vi" or "en")
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
    }
}
