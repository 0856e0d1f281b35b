using PublicServices.Contracts.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Validation;
using Texts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.OneStop.Dossiers;

/// <summary>
/// Refuses, when a definition is validated, a status report the status machine would refuse when it runs: from the
/// start (the dossier is new), the statuses a dossier can have when it reaches each activity are followed along every
/// path, and each activity that reports a known status must be allowed after each of them. A status set by an
/// expression is known only when it runs; after it, the paths are not checked (the runtime still is).
/// </summary>
public sealed class DossierStatusFlowRule : IDefinitionRule
{
    /// <inheritdoc />
    public IEnumerable<ValidationProblem> Validate(Flowchart chart, ActivityRegistry registry)
    {
        if (chart.Start is not { } start) yield break;
        var reaching = new Dictionary<string, Reach>(StringComparer.Ordinal) { [start.Id] = new([DossierStatusMachine.Initial], false) };
        var work = new Queue<string>([start.Id]);
        while (work.TryDequeue(out var id))
        {
            if (!chart.Activities.TryGetValue(id, out var node)) continue;
            var leaving = Leaving(node, reaching[id], registry);
            foreach (var next in chart.Connections.Where(c => c.Source == id).Select(c => c.Target).Distinct(StringComparer.Ordinal))
            {
                var before = reaching.GetValueOrDefault(next);
                var after = before is null ? leaving : before.With(leaving);
                if (before is not null && after.SameAs(before)) continue;
                reaching[next] = after;
                work.Enqueue(next);
            }
        }
        foreach (var (id, reach) in reaching.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!chart.Activities.TryGetValue(id, out var node) || Reported(node, registry) is not { } to) continue;
            foreach (var from in reach.Statuses.Order().Where(from => !DossierStatusMachine.Allows(from, to)))
                yield return new ValidationProblem(id, typeof(Texts), "Status.IllegalTransition", (int)from, (int)to);
        }
    }

    /// <summary>The statuses a dossier can have on leaving <paramref name="node"/>.</summary>
    static Reach Leaving(ActivityNode node, Reach arriving, ActivityRegistry registry)
    {
        if (registry.Find(node.Type) is not IReportsDossierStatus reporter) return arriving;
        return reporter.ReportedStatus(node) is { } status ? new([status], false) : new([], true);
    }

    static DossierStatus? Reported(ActivityNode node, ActivityRegistry registry) =>
        registry.Find(node.Type) is IReportsDossierStatus reporter ? reporter.ReportedStatus(node) : null;

    /// <summary>Statuses a dossier can have at a point, and whether an unknown one (set by an expression) can be among them.</summary>
    sealed record Reach(HashSet<DossierStatus> Statuses, bool Unknown)
    {
        public Reach With(Reach other) => new([.. Statuses, .. other.Statuses], Unknown || other.Unknown);

        public bool SameAs(Reach other) => Unknown == other.Unknown && Statuses.SetEquals(other.Statuses);
    }
}
