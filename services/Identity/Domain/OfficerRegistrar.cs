using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Domain;

/// <summary>What an administrator gives to create an officer's account.</summary>
public sealed record OfficerRegistration(string? UserName, string? FullName, string? AgencyCode, string? Role, string? Password);

/// <summary>Validates an officer's account and creates it with its role, all or nothing (the administrator's API).</summary>
public sealed partial class OfficerRegistrar(IdentityDb db, UserManager<ApplicationUser> users, TimeProvider clock, IStringLocalizer<Messages> text)
{
    public const int MaxUserNameLength = 100;

    public async Task<RegistrationOutcome> RegisterAsync(OfficerRegistration input, CancellationToken cancel)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var userName = input.UserName?.Trim() ?? "";
        if (userName.Length == 0) Add("userName", text["Officers.UserNameRequired"]);
        else if (userName.Length > MaxUserNameLength || !userName.All(users.Options.User.AllowedUserNameCharacters.Contains))
            Add("userName", text["Officers.UserNameInvalid", MaxUserNameLength]);

        var fullName = string.Join(' ', (input.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (fullName.Length == 0) Add("fullName", text["Registration.FullNameRequired"]);
        else if (fullName.Length > CitizenRegistrar.MaxNameLength) Add("fullName", text["Registration.FullNameTooLong", CitizenRegistrar.MaxNameLength]);

        var agency = input.AgencyCode?.Trim() ?? "";
        if (agency.Length == 0) Add("agencyCode", text["Officers.AgencyRequired"]);
        else if (!AgencyCode().IsMatch(agency)) Add("agencyCode", text["Officers.AgencyInvalid"]);

        if (input.Role is not { } role || !Roles.Officer.Contains(role)) Add("role", text["Officers.RoleInvalid", string.Join(", ", Roles.Officer)]);

        var user = new ApplicationUser { UserName = userName, FullName = fullName, AgencyCode = agency, CreatedAt = clock.GetUtcNow() };
        if (string.IsNullOrEmpty(input.Password)) Add("password", text["Registration.PasswordRequired"]);
        else
            foreach (var message in await PasswordMessages.CheckAsync(users, user, input.Password, text))
                Add("password", message);

        if (errors.Count > 0) return new RegistrationOutcome.Invalid(errors.ToDictionary(p => p.Key, p => p.Value.ToArray()));
        if (await users.FindByNameAsync(userName) is not null) return Taken();

        // Everything else was checked above: a refusal now is the same user name, taken meanwhile.
        return await AccountCreation.CreateAsync(db, users, user, input.Password!, input.Role!, cancel)
            ? new RegistrationOutcome.Registered(user) : Taken();
    }

    RegistrationOutcome.Taken Taken() => new(new() { ["userName"] = [text["Officers.UserNameTaken"]] });

    /// <summary>The national code of an agency (mã định danh cơ quan), e.g. 000.20.01.H10.</summary>
    [GeneratedRegex(@"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")]
    private static partial Regex AgencyCode();
}
