using System.Collections.Frozen;

namespace PublicServices.Contracts.Dossiers;

/// <summary>
/// Which status may follow which: the one rule the dossiers service (which records statuses) and the workflow
/// (which sets them) share. A dossier starts as <see cref="DossierStatus.New"/> when it is submitted. Not received,
/// withdrawn, stopped and result returned are final. A status may repeat while the dossier is open: such a change
/// carries something else (an apology letter's new due date, a transfer).
/// </summary>
public static class DossierStatusMachine
{
    static readonly FrozenDictionary<DossierStatus, FrozenSet<DossierStatus>> Next = new Dictionary<DossierStatus, FrozenSet<DossierStatus>>
    {
        // Submitted, waiting at the one-stop desk: received, refused, asked to complete it first, asked to pay a fee
        // due at submission, or withdrawn by the applicant.
        [DossierStatus.New] = Set(DossierStatus.Received, DossierStatus.NotReceived, DossierStatus.SupplementRequested,
            DossierStatus.PaymentRequired, DossierStatus.Withdrawn),
        // Received: processing starts (or a simple case is settled at once), or it stops, waits for a supplement or a fee.
        [DossierStatus.Received] = Set(DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.PaymentRequired,
            DossierStatus.Processed, DossierStatus.Stopped, DossierStatus.Withdrawn),
        [DossierStatus.Processing] = Set(DossierStatus.SupplementRequested, DossierStatus.PaymentRequired, DossierStatus.Processed,
            DossierStatus.Stopped, DossierStatus.Withdrawn),
        // The supplement came: the desk receives (or refuses) a dossier it had not received, processing goes on for one it had;
        // a supplement that never comes ends in a stop.
        [DossierStatus.SupplementRequested] = Set(DossierStatus.Received, DossierStatus.NotReceived, DossierStatus.Processing,
            DossierStatus.Stopped, DossierStatus.Withdrawn),
        // The fee was paid: the desk receives, refuses or asks to complete a dossier whose fee was due at submission,
        // processing goes on, or (a fee due before the result) the result is issued or returned.
        [DossierStatus.PaymentRequired] = Set(DossierStatus.Received, DossierStatus.NotReceived, DossierStatus.SupplementRequested,
            DossierStatus.Processing, DossierStatus.Processed, DossierStatus.ResultReturned, DossierStatus.Stopped, DossierStatus.Withdrawn),
        // Processed: the result goes to the applicant, after a fee due before the result where there is one.
        [DossierStatus.Processed] = Set(DossierStatus.ResultReturned, DossierStatus.PaymentRequired),
        [DossierStatus.NotReceived] = Set(),
        [DossierStatus.Withdrawn] = Set(),
        [DossierStatus.Stopped] = Set(),
        [DossierStatus.ResultReturned] = Set(),
    }.ToFrozenDictionary();

    static FrozenSet<DossierStatus> Set(params DossierStatus[] statuses) => statuses.ToFrozenSet();

    /// <summary>Every status of the national list.</summary>
    public static IReadOnlyList<DossierStatus> All { get; } = Enum.GetValues<DossierStatus>();

    /// <summary>The status a dossier has when it is submitted.</summary>
    public const DossierStatus Initial = DossierStatus.New;

    /// <summary>True for a number of the national list (1–10).</summary>
    public static bool IsDefined(int code) => Enum.IsDefined((DossierStatus)code);

    /// <summary>True when nothing may follow: not received, withdrawn, stopped, result returned.</summary>
    public static bool IsFinal(DossierStatus status) => Next[status].Count == 0;

    /// <summary>True when a dossier in status <paramref name="from"/> may change to <paramref name="to"/>.</summary>
    public static bool Allows(DossierStatus from, DossierStatus to) =>
        Next.TryGetValue(from, out var next) && (next.Contains(to) || (from == to && next.Count > 0));

    /// <summary>The statuses that may follow <paramref name="from"/> (itself included while the dossier is open).</summary>
    public static IReadOnlyList<DossierStatus> Following(DossierStatus from) => [.. All.Where(to => Allows(from, to))];
}
