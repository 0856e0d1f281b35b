namespace PublicServices.Identity.Domain;

/// <summary>What a citizen gives to register, from the API or the registration page.</summary>
public sealed record CitizenRegistration(string? FullName, string? NationalId, string? Email, string? Phone, string? Password);

/// <summary>
/// What the registrant is told: field errors, or that a message is on its way; never whether an account was created
/// (a number or e-mail already taken is answered as a new account is).
/// </summary>
public abstract record RegistrationOutcome
{
    /// <summary>Accepted; <paramref name="DemoLink"/> is the confirmation link, only for the demo page without a mail server.</summary>
    public sealed record Accepted(Uri? DemoLink) : RegistrationOutcome;
    /// <summary>Field errors (field name → messages in the caller's language).</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RegistrationOutcome;
}
