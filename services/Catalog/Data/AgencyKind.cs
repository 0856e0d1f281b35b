namespace PublicServices.Catalog.Data;

/// <summary>Kinds of agency; serialised in snake_case (service_centre, special_zone).</summary>
public enum AgencyKind
{
    Province,
    Department,
    ServiceCentre,
    Commune,
    Ward,
    SpecialZone,
}
