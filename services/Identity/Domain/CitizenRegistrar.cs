using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Domain;

/// <summary>Validates a registration and creates the citizen account with its role, all or nothing.</summary>
public sealed class CitizenRegistrar(IdentityDb db, UserManager<ApplicationUser> users, TimeProvider clock, IStringLocalizer<Messages> text)
{
    public const int MaxNameLength = 100;

    public async Task<RegistrationOutcome> RegisterAsync(CitizenRegistration input, CancellationToken cancel)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var fullName = string.Join(' ', (input.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (fullName.Length == 0) Add("fullName", text["Registration.FullNameRequired"]);
        else if (fullName.Length > MaxNameLength)
            Add("fullName", text["Registration.FullNameTooLong", MaxNameLength]);

        var idError = NationalIdNumber.TryParse(input.NationalId, clock.GetUtcNow().Year, out var nationalId);
        if (idError is { } e) Add("nationalId", NationalIdMessage(e));

        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0) Add("email", text["Registration.EmailRequired"]);
        else if (!IsEmail(email)) Add("email", text["Registration.EmailInvalid"]);

        var phone = MobilePhoneNumber.Normalize(input.Phone);
        if (string.IsNullOrWhiteSpace(input.Phone)) Add("phone", text["Registration.PhoneRequired"]);
        else if (phone is null) Add("phone", text["Registration.PhoneInvalid"]);

        var user = new ApplicationUser
        {
            UserName = nationalId?.Value, NationalId = nationalId?.Value, FullName = fullName, Email = email,
            PhoneNumber = phone, CreatedAt = clock.GetUtcNow(),
        };
        if (string.IsNullOrEmpty(input.Password)) Add("password", text["Registration.PasswordRequired"]);
        else
            foreach (var message in await PasswordMessages.CheckAsync(users, user, input.Password, text))
                Add("password", message);

        if (errors.Count > 0) return new RegistrationOutcome.Invalid(errors.ToDictionary(p => p.Key, p => p.Value.ToArray()));

        if (await TakenAsync(user, cancel) is { } taken) return taken;
        if (await AccountCreation.CreateAsync(db, users, user, input.Password!, Roles.Citizen, cancel))
            return new RegistrationOutcome.Registered(user);
        // Everything else was checked above: another registration with the same number or e-mail came first.
        return await TakenAsync(user, cancel) ?? throw new InvalidOperationException("The account could not be saved.");
    }

    async Task<RegistrationOutcome.Taken?> TakenAsync(ApplicationUser user, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (await db.Users.AnyAsync(u => u.NationalId == user.NationalId || u.UserName == user.UserName, cancel))
            errors["nationalId"] = [text["Registration.NationalIdTaken"]];
        var normalizedEmail = users.NormalizeEmail(user.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancel))
            errors["email"] = [text["Registration.EmailTaken"]];
        return errors.Count > 0 ? new RegistrationOutcome.Taken(errors) : null;
    }

    static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var address) && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal) && !address.Host.EndsWith('.');

    string NationalIdMessage(NationalIdError error) => text[error switch
    {
        NationalIdError.Missing => "NationalId.Missing",
        NationalIdError.NotDigits => "NationalId.NotDigits",
        NationalIdError.WrongLength => "NationalId.WrongLength",
        NationalIdError.UnknownProvince => "NationalId.UnknownProvince",
        _ => "NationalId.BirthYearInFuture",
    }];
}
