using PublicServices.Identity.Data;

namespace PublicServices.Identity.Domain;

/// <summary>What a citizen gives to register, from the API or the registration page.</summary>
public sealed record CitizenRegistration(string? FullName, string? NationalId, string? Email, string? Phone, string? Password);

/// <summary>What became of a registration: an account, field errors, or a number or e-mail already taken.</summary>
public abstract record RegistrationOutcome
{
    public sealed record Registered(ApplicationUser User) : RegistrationOutcome;
    /// <summary>Field errors (field name → messages in the caller's language).</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RegistrationOutcome;
    /// <summary>The national ID number or e-mail belongs to another account.</summary>
    public sealed record Taken(Dictionary<string, string[]> Errors) : RegistrationOutcome;
}
