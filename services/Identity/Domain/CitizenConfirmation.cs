using Microsoft.AspNetCore.Identity;
using PublicServices.Identity.Data;

namespace PublicServices.Identity.Domain;

/// <summary>
/// Who may sign in (with Identity's SignIn.RequireConfirmedAccount): a citizen once the e-mail address is confirmed;
/// staff, whose accounts the seeder or an administrator creates, always. The login page, the authorization endpoint
/// and refresh tokens all ask this.
/// </summary>
public sealed class CitizenConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(user.NationalId is null || user.EmailConfirmed);
}
