using PublicServices.Contracts.Dossiers;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.OneStop.Dossiers;

/// <summary>An activity that reports a national status when it runs (<see cref="DossierStatusReport"/>).</summary>
public interface IReportsDossierStatus
{
    /// <summary>The status this node reports, or null when it can only be known when it runs (an expression).</summary>
    DossierStatus? ReportedStatus(ActivityNode node);
}
