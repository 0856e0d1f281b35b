using System.Text.Json.Nodes;
using PublicServices.Workflows.Calendar;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Expressions;
using PublicServices.Workflows.Runtime;

namespace PublicServices.Workflows.Activities;

/// <summary>
/// Everything one activity run can read and change. Changes (variables, effects, dossier status, clock, agency)
/// are held here and applied only when the activity returns; if it throws, they are dropped with it.
/// </summary>
public sealed class ActivityContext : IExpressionScope
{
    readonly BurstExecution burst;
    readonly Dictionary<string, JsonNode?> variableChanges = [];
    internal readonly List<(string Type, JsonObject Payload)> EffectsToEmit = [];
    internal readonly List<string> ActivitiesToCancel = [];
    internal string? NewAgency;
    internal int? NewDossierStatus;
    internal DossierClock? NewClock;
    internal bool ClockChanged;
    internal JsonObject? NewLastTask;
    internal JsonObject? NewLastEvent;

    internal ActivityContext(BurstExecution burst, ActivityNode activity, long sequence, string? arrivedFrom)
    {
        this.burst = burst;
        Activity = activity;
        Sequence = sequence;
        ArrivedFrom = arrivedFrom;
    }

    /// <summary>The node being run.</summary>
    public ActivityNode Activity { get; }
    /// <summary>The step's sequence number in the instance's journal.</summary>
    public long Sequence { get; }
    /// <summary>The activity whose connection led here (null for the start and for resumes).</summary>
    public string? ArrivedFrom { get; }
    /// <summary>The flowchart being run.</summary>
    public Flowchart Flowchart => burst.Flowchart;
    /// <summary>The instance id.</summary>
    public Guid InstanceId => burst.Instance.Id;
    /// <summary>The dossier id (correlation id).</summary>
    public string? CorrelationId => burst.Instance.CorrelationId;
    /// <summary>The dossier code.</summary>
    public string? DossierCode => burst.Instance.DossierCode;
    /// <summary>The agency handling the dossier now.</summary>
    public string? AgencyCode => NewAgency ?? burst.Instance.AgencyCode;
    /// <summary>The last national status (1–10) set by the workflow.</summary>
    public int? DossierStatus => NewDossierStatus ?? burst.Instance.DossierStatus;
    /// <summary>The procedure's statutory limit in working days, when known.</summary>
    public decimal? StatutoryWorkingDays => burst.Instance.StatutoryWorkingDays;
    /// <summary>The statutory clock, once the dossier was received.</summary>
    public DossierClock? Clock => ClockChanged ? NewClock : burst.Clock;
    /// <summary>The time of this burst (one value for all its steps).</summary>
    public DateTimeOffset Now => burst.Now;
    /// <summary>Who caused the burst.</summary>
    public WorkflowActor Actor => burst.Actor;
    /// <summary>The working-day calendar.</summary>
    public WorkingCalendar Calendar => burst.Services.Calendar;
    /// <summary>The start input.</summary>
    public JsonObject Input => burst.Input;
    /// <summary>The last completed human task (outcome, comment, attachments, data, actorId, actorName).</summary>
    public JsonObject? LastTask => NewLastTask ?? burst.State.LastTask;

    /// <summary>Evaluates an input; null when the node does not set it.</summary>
    public JsonNode? Evaluate(string input) =>
        Activity.Input(input) is { } expression ? burst.Services.Evaluator.Evaluate(expression, this) : null;

    /// <summary>An input as text.</summary>
    public string? GetText(string input) => ValueConvert.ToText(Evaluate(input));
    /// <summary>An input as a boolean (JavaScript truthiness).</summary>
    public bool GetBoolean(string input) => ValueConvert.ToBoolean(Evaluate(input));
    /// <summary>An input as a number.</summary>
    public decimal? GetDecimal(string input) => ValueConvert.ToDecimal(Evaluate(input));
    /// <summary>An input as a list of strings.</summary>
    public IReadOnlyList<string> GetList(string input) => ValueConvert.ToStringList(Evaluate(input));
    /// <summary>An input as a duration.</summary>
    public TimeSpan? GetTimeSpan(string input) => ValueConvert.ToTimeSpan(Evaluate(input));
    /// <summary>An input as vi/en text.</summary>
    public LocalizedText? GetLocalizedText(string input) => LocalizedText.From(Evaluate(input));
    /// <summary>An input as a JSON object.</summary>
    public JsonObject? GetObject(string input) => ValueConvert.ToObject(Evaluate(input));

    /// <inheritdoc />
    public JsonNode? GetVariable(string name)
    {
        name = burst.VariableName(name);
        return variableChanges.TryGetValue(name, out var changed) ? changed : burst.Variables[name];
    }

    /// <inheritdoc />
    public void SetVariable(string name, JsonNode? value) => variableChanges[burst.VariableName(name)] = value;

    /// <summary>The declared type of a workflow variable (by name or id), or null.</summary>
    public string? VariableTypeName(string name)
    {
        name = burst.VariableName(name);
        return burst.Definition.Variables.FirstOrDefault(v => v.Name == name)?.TypeName;
    }

    /// <inheritdoc />
    public IEnumerable<string> VariableNames => burst.Variables.Select(v => v.Key).Union(variableChanges.Keys);

    /// <inheritdoc />
    public JsonNode? GetGlobal(string name) => name switch
    {
        "input" => Input,
        "lastTask" => LastTask,
        "lastEvent" => NewLastEvent ?? burst.State.LastEvent,
        "correlationId" => CorrelationId,
        "dossier" => new JsonObject
        {
            ["id"] = CorrelationId,
            ["code"] = DossierCode,
            ["agencyCode"] = AgencyCode,
            ["status"] = DossierStatus,
            ["statutoryWorkingDays"] = StatutoryWorkingDays,
            ["dueAt"] = Clock?.DueAt,
        },
        _ => null,
    };

    /// <summary>Records an effect for the host's outbox (written in the burst's transaction).</summary>
    public void Emit(string type, JsonObject payload) => EffectsToEmit.Add((type, payload));

    /// <summary>Sets the national dossier status the workflow reports.</summary>
    public void SetDossierStatus(int status) => NewDossierStatus = status;

    /// <summary>Replaces the statutory clock.</summary>
    public void SetClock(DossierClock? clock)
    {
        NewClock = clock;
        ClockChanged = true;
    }

    /// <summary>Moves the dossier to another agency: later tasks for "$dossier" go there.</summary>
    public void SetAgency(string agencyCode) => NewAgency = agencyCode;

    /// <summary>Remembers a completed task for later steps (<c>lastTask</c>).</summary>
    public void SetLastTask(JsonObject task) => NewLastTask = task;

    /// <summary>Remembers the event that resumed the workflow (<c>lastEvent</c>).</summary>
    public void SetLastEvent(JsonObject? payload) => NewLastEvent = payload;

    /// <summary>Adds a detail to this step's journal entry.</summary>
    public void Record(string key, JsonNode? value) => JournalData[key] = value;

    /// <summary>Cancels the waits and pending work of these activities (a WaitAny join cancels the other paths).</summary>
    public void CancelActivities(IEnumerable<string> activityIds) => ActivitiesToCancel.AddRange(activityIds);

    internal JsonObject JournalData { get; } = [];

    internal IReadOnlyDictionary<string, JsonNode?> VariableChanges => variableChanges;

    internal List<string> JoinArrivals(string joinId) =>
        burst.State.Joins.TryGetValue(joinId, out var list) ? list : burst.State.Joins[joinId] = [];

    internal void ClearJoin(string joinId) => burst.State.Joins.Remove(joinId);

    /// <summary>A payload for <c>DossierStatusChanged.v1</c> with this step's actor and time (docs/contracts.md).</summary>
    public JsonObject DossierStatusPayload(int status, string? note = null, string? reason = null, JsonObject? supplement = null) => new()
    {
        ["dossierId"] = CorrelationId,
        ["status"] = status,
        ["at"] = Now.ToUniversalTime(),
        ["actorId"] = Actor.Id,
        ["actorName"] = Actor.Name,
        ["note"] = note,
        ["reason"] = reason,
        ["dueAt"] = Clock is { IsPaused: false } clock ? clock.DueAt.ToUniversalTime() : null,
        ["supplement"] = supplement,
    };
}
