using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Expressions;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>
/// Runs bursts in memory, without a database, for unit tests of activities: the same execution code the runtime
/// uses, with the rows it would write collected in lists. It knows the control activities and the test activities,
/// and a module's activities and script globals when given.
/// </summary>
internal sealed class Harness
{
    readonly ExecutionServices services;
    readonly WorkflowDefinition definition;

    public Harness(WorkflowDefinition definition, JsonObject? input = null, IEnumerable<WorkflowActivity>? extra = null,
        Action<WorkflowRuntimeOptions>? options = null, IEnumerable<IWorkflowGlobal>? globals = null, JsonObject? properties = null)
    {
        var o = new WorkflowRuntimeOptions();
        options?.Invoke(o);
        Clock = new ManualTime(ManualTime.WednesdayMorning);
        services = new ExecutionServices(TestActivities.Registry(extra ?? []),
            new ExpressionEvaluator(Options.Create(o)), globals ?? [], Options.Create(o), Clock);
        this.definition = WorkflowDefinition.Parse(definition.ToJson()).Freeze();
        Instance = new WorkflowInstance
        {
            Id = Guid.NewGuid(), DefinitionId = definition.DefinitionId, DefinitionVersionId = "v1", DefinitionVersion = 1,
            CorrelationId = "dossier-1", Unit = Actors.Centre, Reference = "000.00.12.H10-261125-0001",
            Input = WorkflowJson.Write(input ?? new JsonObject { ["applicantId"] = "citizen-1" }), Properties = WorkflowJson.Write(properties ?? []),
        };
    }

    public ManualTime Clock { get; }
    public WorkflowInstance Instance { get; }
    public List<WorkflowEffect> Effects { get; } = [];
    public List<JournalEntry> Journal { get; } = [];
    public List<WorkflowTask> Tasks { get; } = [];
    public List<Bookmark> Bookmarks { get; } = [];
    public List<WorkflowTimer> Timers { get; } = [];
    public List<Guid> Cancelled { get; } = [];

    public JsonObject Variables => WorkflowJson.ParseObject(Instance.Variables);
    public JsonObject Properties => WorkflowJson.ParseObject(Instance.Properties);
    internal InstanceState State => WorkflowJson.Read<InstanceState>(Instance.State);
    public IReadOnlyList<string> Waiting => [.. State.Waits.Select(w => w.ActivityId)];

    public BurstExecution Start(WorkflowActor? actor = null) => Burst(b => b.Begin(), actor);

    /// <summary>Completes the open task of an activity with an outcome, as an officer would.</summary>
    public BurstExecution Complete(string activityId, string outcome, string? comment = null, JsonObject? data = null,
        IReadOnlyList<string>? attachments = null, WorkflowActor? actor = null)
    {
        actor ??= Actors.Desk;
        return Burst(b =>
        {
            var wait = b.State.Waits.Single(w => w.ActivityId == activityId && w.Kind == WaitKind.Task);
            b.Resume(wait, new JsonObject
            {
                ["taskId"] = wait.Id, ["outcome"] = outcome, ["comment"] = comment, ["data"] = data,
                ["attachments"] = new JsonArray([.. (attachments ?? []).Select(a => (JsonNode?)a)]), ["actorId"] = actor.Id, ["actorName"] = actor.Name,
            });
        }, actor);
    }

    /// <summary>Delivers an event to every activity waiting for it.</summary>
    public BurstExecution Deliver(string eventName, JsonObject? payload = null) => Burst(b =>
    {
        foreach (var bookmark in Bookmarks.Where(x => x.Name == eventName).ToList())
            if (b.FindWait(WaitKind.Event, bookmark.Id) is { } wait)
            {
                Bookmarks.Remove(bookmark);
                b.Resume(wait, payload?.DeepClone());
            }
    });

    /// <summary>Fires the timers that are due at the clock's time.</summary>
    public BurstExecution FireDueTimers() => Burst(b =>
    {
        foreach (var timer in Timers.Where(t => t.DueAt <= Clock.GetUtcNow()).ToList())
        {
            Timers.Remove(timer);
            if (timer.Kind == TimerKind.Escalation) b.Escalate(timer.TaskId!.Value);
            else if (b.FindWait(WaitKind.Timer, timer.Id) is { } wait) b.Resume(wait, null);
        }
    });

    public BurstExecution Burst(Action<BurstExecution> apply, WorkflowActor? actor = null, bool recordFaults = false)
    {
        var burst = new BurstExecution(services, Instance, definition, actor ?? Actors.Dossiers, Clock.GetUtcNow(), recordFaults);
        apply(burst);
        burst.Run();
        burst.Complete();
        Effects.AddRange(burst.Effects);
        Journal.AddRange(burst.Journal);
        Tasks.AddRange(burst.NewTasks);
        Bookmarks.AddRange(burst.NewBookmarks);
        Timers.AddRange(burst.NewTimers);
        foreach (var wait in burst.CancelledWaits)
        {
            Cancelled.Add(wait.Id);
            Bookmarks.RemoveAll(x => x.Id == wait.Id);
            Timers.RemoveAll(x => x.Id == wait.Id);
        }
        foreach (var id in burst.EscalationTimersToDelete) Timers.RemoveAll(t => t.Id == id);
        return burst;
    }

    /// <summary>The payload of the effects of a type, parsed.</summary>
    public List<JsonObject> Payloads(string type) => [.. Effects.Where(e => e.Type == type).Select(e => WorkflowJson.ParseObject(e.Payload))];

    /// <summary>The numbers of the <see cref="Mark"/> effects, in order.</summary>
    public List<int> Marks => [.. Payloads(Mark.Effect).Select(p => (int)p["mark"]!)];
}
