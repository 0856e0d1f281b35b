using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Expressions;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// Everything one activity run can read and change. Changes (variables, properties, effects, unit, deadline) are
/// held here and applied only when the activity returns; if it throws, they are dropped with it.
/// </summary>
public sealed class ActivityContext : IExpressionScope, IInstanceData
{
    /// <summary>The globals every script can read.</summary>
    static readonly string[] EngineGlobals = ["input", "lastTask", "lastEvent", "correlationId"];

    readonly BurstExecution burst;
    readonly Dictionary<string, JsonNode?> variableChanges = [];
    readonly Dictionary<string, JsonNode?> propertyChanges = new(StringComparer.Ordinal);
    internal readonly List<(string Type, JsonObject Payload)> EffectsToEmit = [];
    internal readonly List<string> ActivitiesToCancel = [];
    internal string? NewUnit;
    internal DateTimeOffset? NewDueAt;
    internal bool DueAtChanged;
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
    /// <inheritdoc />
    public Guid InstanceId => burst.Instance.Id;
    /// <inheritdoc />
    public string? CorrelationId => burst.Instance.CorrelationId;
    /// <inheritdoc />
    public string? Reference => burst.Instance.Reference;
    /// <inheritdoc />
    public string? Unit => NewUnit ?? burst.Instance.Unit;
    /// <inheritdoc />
    public DateTimeOffset? DueAt => DueAtChanged ? NewDueAt : burst.Instance.DueAt;
    /// <inheritdoc />
    public DateTimeOffset Now => burst.Now;
    /// <inheritdoc />
    public WorkflowActor Actor => burst.Actor;
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
    public JsonNode? GetProperty(string name) => propertyChanges.TryGetValue(name, out var changed) ? changed : burst.Properties[name];

    /// <inheritdoc />
    public void SetProperty(string name, JsonNode? value) => propertyChanges[name] = value;

    /// <inheritdoc />
    public void SetUnit(string unit) => NewUnit = unit;

    /// <inheritdoc />
    public void SetDueAt(DateTimeOffset? dueAt)
    {
        NewDueAt = dueAt;
        DueAtChanged = true;
    }

    /// <inheritdoc />
    public IEnumerable<string> GlobalNames => EngineGlobals.Concat(burst.Services.Globals.Keys);

    /// <inheritdoc />
    public JsonNode? GetGlobal(string name) => name switch
    {
        "input" => Input,
        "lastTask" => LastTask,
        "lastEvent" => NewLastEvent ?? burst.State.LastEvent,
        "correlationId" => CorrelationId,
        _ => burst.Services.Globals.TryGetValue(name, out var global) ? global.Value(this) : null,
    };

    /// <summary>Records an effect for the host's outbox (written in the burst's transaction).</summary>
    public void Emit(string type, JsonObject payload) => EffectsToEmit.Add((type, payload));

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

    internal IReadOnlyDictionary<string, JsonNode?> PropertyChanges => propertyChanges;

    internal List<string> JoinArrivals(string joinId) =>
        burst.State.Joins.TryGetValue(joinId, out var list) ? list : burst.State.Joins[joinId] = [];

    internal void ClearJoin(string joinId) => burst.State.Joins.Remove(joinId);
}
