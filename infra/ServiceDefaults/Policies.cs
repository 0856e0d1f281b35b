namespace PublicServices.ServiceDefaults;

/// <summary>The authorization policies every service registers (AddTokenValidation).</summary>
public static class Policies
{
    /// <summary>A citizen or a business client acting as an applicant.</summary>
    public const string Applicant = "applicant";
    /// <summary>An officer of some agency.</summary>
    public const string Officer = "officer";
    /// <summary>Another PublicServices service, with its own client credentials.</summary>
    public const string Service = "service";
}
