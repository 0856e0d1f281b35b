namespace PublicServices.ServiceDefaults;

/// <summary>The roles tokens carry: applicants, officers by their part in the one-stop process, administrators, services.</summary>
public static class Roles
{
    public const string Citizen = "citizen";
    public const string Business = "business";
    public const string OneStopDesk = "one_stop_desk";
    public const string Specialist = "specialist";
    public const string Leader = "leader";
    public const string Admin = "admin";
    public const string Service = "service";
    public static readonly string[] Officer = [OneStopDesk, Specialist, Leader];
}
