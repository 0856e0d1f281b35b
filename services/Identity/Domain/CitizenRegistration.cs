using PublicServices.Identity.Data;

namespace PublicServices.Identity.Domain;

/// <summary>What a citizen gives to register, from the API or the registration page.</summary>
public sealed record CitizenRegistration(string? FullName, string? NationalId, string? Email, string? Phone, string? Password);

/// <summary>
/// What the registrant is told. A citizen gets field errors, or that a message is on its way, never whether an account
/// was created (a number or e-mail already taken is answered as a new account is). An administrator creating an
/// officer's account is told plainly: the account, or that the user name is taken.
/// </summary>
public abstract record RegistrationOutcome
{
    /// <summary>Accepted; <paramref name="DemoLink"/> is the confirmation link, only for the demo page without a mail server.</summary>
    public sealed record Accepted(Uri? DemoLink) : RegistrationOutcome;
    /// <summary>Field errors (field name → messages in the caller's language).</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RegistrationOutcome;
    /// <summary>An officer's account was created (administrators only).</summary>
    public sealed record Registered(ApplicationUser User) : RegistrationOutcome;
    /// <summary>The officer's user name belongs to another account (administrators only).</summary>
    public sealed record Taken(Dictionary<string, string[]> Errors) : RegistrationOutcome;
}
