using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Resources;

namespace PublicServices.Identity.Domain;

/// <summary>Identity's password-rule errors as field messages in the caller's language.</summary>
public static class PasswordMessages
{
    /// <summary>Every rule the password breaks (empty when it passes).</summary>
    public static async Task<List<string>> CheckAsync(UserManager<ApplicationUser> users, ApplicationUser user, string password, IStringLocalizer<Messages> text)
    {
        var messages = new List<string>();
        foreach (var validator in users.PasswordValidators)
            messages.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => Of(e, text)));
        return messages;
    }

    static string Of(IdentityError error, IStringLocalizer<Messages> text) => text[error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "Password.TooShort",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "Password.RequiresDigit",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "Password.RequiresLower",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "Password.RequiresUpper",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "Password.RequiresNonAlphanumeric",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "Password.RequiresUniqueChars",
        _ => "Password.Invalid",
    }];
}
