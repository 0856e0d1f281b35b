using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using FromForm = Microsoft.AspNetCore.Mvc.FromFormAttribute;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using static PublicServices.Identity.Pages.Html;

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
        account.MapGet("/login", (HttpContext http, IAntiforgery af, IStringLocalizer<Messages> text, string? returnUrl) =>
            LoginPage(http, af, text, returnUrl, null, null));
        account.MapPost("/login", Login);
        account.MapGet("/register", (HttpContext http, IAntiforgery af, IStringLocalizer<Messages> text, string? returnUrl) =>
            RegisterPage(http, af, text, returnUrl, null, null));
        account.MapPost("/register", Register);
        account.MapGet("/logout", LogoutPage);
        account.MapPost("/logout", Logout);
        return app;
    }

    static async Task<Results<RedirectHttpResult, ContentHttpResult>> Login(HttpContext http, IAntiforgery antiforgery,
        IStringLocalizer<Messages> text, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
        [FromForm(Name = "userName")] string? userName, [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userName))
            errors["userName"] = [text["Login.UserNameRequired"]];
        if (string.IsNullOrEmpty(password))
            errors["password"] = [text["Login.PasswordRequired"]];
        if (errors.Count == 0)
        {
            var name = userName!.Trim();
            var user = await users.FindByNameAsync(name) ?? (name.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(name) : null);
            var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
                return TypedResults.Redirect(LocalOrRoot(returnUrl));
            errors["userName"] = [text[result.IsLockedOut ? "Login.LockedOut" : "Login.Failed"]];
        }
        return LoginPage(http, antiforgery, text, returnUrl, userName, errors);
    }

    static ContentHttpResult LoginPage(HttpContext http, IAntiforgery antiforgery, IStringLocalizer<Messages> text, string? returnUrl,
        string? userName, Dictionary<string, string[]>? errors)
    {
        var local = LocalOrNull(returnUrl);
        var fields =
            Field(new("userName", text["Login.UserName"], Value: userName, Hint: text["Login.UserNameHint"], Autocomplete: "username"), errors, text)
            + Field(new("password", text["Account.Password"], Type: "password", Autocomplete: "current-password"), errors, text)
            + ReturnUrlInput(local);
        var body = Form(http, antiforgery, WithReturnUrl(LoginPath, local), fields, text["Login.Title"])
                   + $"""<p>{E(text["Login.NoAccount"])} <a href="{E(WithReturnUrl(RegisterPath, local))}">{E(text["Login.RegisterLink"])}</a></p>""";
        return Page(http, text, text["Login.Title"], body, errors);
    }

    static async Task<Results<RedirectHttpResult, ContentHttpResult>> Register(HttpContext http, IAntiforgery antiforgery,
        IStringLocalizer<Messages> text, CitizenRegistrar registrar, SignInManager<ApplicationUser> signIn,
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
                return RegisterPage(http, antiforgery, text, returnUrl, input, i.Errors);
            case RegistrationOutcome.Taken t:
                return RegisterPage(http, antiforgery, text, returnUrl, input, t.Errors, StatusCodes.Status409Conflict);
            default:
                throw new InvalidOperationException("Unknown registration outcome.");
        }
    }

    static ContentHttpResult RegisterPage(HttpContext http, IAntiforgery antiforgery, IStringLocalizer<Messages> text, string? returnUrl,
        CitizenRegistration? input, Dictionary<string, string[]>? errors, int status = StatusCodes.Status200OK)
    {
        var local = LocalOrNull(returnUrl);
        var fields =
            Field(new("fullName", text["Register.FullName"], Value: input?.FullName, Hint: text["Register.FullNameHint"], Autocomplete: "name"),
                errors, text)
            + Field(new("nationalId", text["Register.NationalId"], Value: input?.NationalId, Hint: text["Register.NationalIdHint"],
                Autocomplete: "off", InputMode: "numeric"), errors, text)
            + Field(new("email", text["Register.Email"], Type: "email", Value: input?.Email, Autocomplete: "email"), errors, text)
            + Field(new("phone", text["Register.Phone"], Type: "tel", Value: input?.Phone, Hint: text["Register.PhoneHint"],
                Autocomplete: "tel", InputMode: "tel"), errors, text)
            + Field(new("password", text["Account.Password"], Type: "password", Hint: text["Register.PasswordHint"], Autocomplete: "new-password"),
                errors, text)
            + ReturnUrlInput(local);
        var body = Form(http, antiforgery, WithReturnUrl(RegisterPath, local), fields, text["Register.Submit"])
                   + $"""<p>{E(text["Register.HasAccount"])} <a href="{E(WithReturnUrl(LoginPath, local))}">{E(text["Login.Title"])}</a></p>""";
        return Page(http, text, text["Register.Title"], body, errors, status);
    }

    static ContentHttpResult LogoutPage(HttpContext http, IAntiforgery antiforgery, IStringLocalizer<Messages> text, string? returnUrl)
    {
        var local = LocalOrNull(returnUrl);
        var body = $"<p>{E(text["Logout.Question"])}</p>"
                   + Form(http, antiforgery, WithReturnUrl(LogoutPath, local), ReturnUrlInput(local), text["Logout.Title"]);
        return Page(http, text, text["Logout.Title"], body);
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
