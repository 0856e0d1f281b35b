using PublicServices.Contracts.Resources;

namespace PublicServices.Contracts.Dossiers;

/// <summary>The name of each status for people, from the resources (key <c>Status.&lt;name&gt;</c>).</summary>
public static class DossierStatusLabels
{
    /// <summary>The resource key of a status's label.</summary>
    public static string Key(this DossierStatus status) => "Status." + status;

    /// <summary>The label in Vietnamese and English.</summary>
    public static (string Vi, string En) Labels(this DossierStatus status) =>
        Enum.IsDefined(status) ? Messages.Both(status.Key()) : throw new ArgumentOutOfRangeException(nameof(status), status, null);
}
