using PublicServices.Identity.Data;

namespace PublicServices.Identity.Domain;

/// <summary>What a user sees of their own account.</summary>
public sealed record UserProfile(string Id, string UserName, string FullName, string? Email, string? Phone,
    string? NationalId, string? AgencyCode, IReadOnlyList<string> Roles)
{
    public static UserProfile Of(ApplicationUser user, IEnumerable<string> roles) =>
        new(user.Id, user.UserName ?? "", user.FullName, user.Email, user.PhoneNumber, user.NationalId, user.AgencyCode,
            roles.Order(StringComparer.Ordinal).ToList());
}
