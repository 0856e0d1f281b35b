using PublicServices.Contracts.Dossiers;

namespace PublicServices.Dossiers.Domain;

/// <summary>A status as the API shows it: its number and both labels, so the same body serves every language.</summary>
public sealed record StatusDto(int Code, string Vi, string En)
{
    public static StatusDto From(DossierStatus status)
    {
        var (vi, en) = status.Labels();
        return new((int)status, vi, en);
    }
}
