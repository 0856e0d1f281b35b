using Microsoft.AspNetCore.Identity;

namespace PublicServices.Identity.Data;

/// <summary>A person who logs in: a citizen (user name = national ID number), an officer or an administrator.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>The CCCD number; citizens only, unique.</summary>
    public string? NationalId { get; set; }
    /// <summary>The agency an officer works for (its code, as in the catalog); null for citizens.</summary>
    public string? AgencyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The language the person registered in ("vi" or "en"): the account's e-mails are written in it.</summary>
    public string? Language { get; set; }
}
