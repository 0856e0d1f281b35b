namespace PublicServices.Dossiers.Data;

/// <summary>The last sequence number issued for an agency on one (Vietnamese) day.</summary>
public sealed class DailyCounter
{
    public required string AgencyCode { get; set; }
    public DateOnly Day { get; set; }
    public long Value { get; set; }
}
