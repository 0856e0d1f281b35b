using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// One burst in memory: runs queued work until every path waits or ends, and collects what must be written
/// (journal, effects, new and cancelled waits, incident). No I/O here: a store writes it all in the burst's
/// transaction.
/// </summary>
internal sealed partial class BurstExecution
{
    readonly bool recordFaults;
    readonly Dictionary<string, string> variableIds;

    JsonObject? properties;

    public BurstExecution(ExecutionServices services, WorkflowInstance instance, WorkflowDefinition definition, WorkflowActor actor,
        DateTimeOffset now, bool recordFaults)
    {
        Services = services;
        Instance = instance;
        Definition = definition;
        Actor = actor;
        Now = now;
        this.recordFaults = recordFaults;
        Variables = WorkflowJson.ParseObject(instance.Variables);
        Input = WorkflowJson.ParseObject(instance.Input);
        State = string.IsNullOrEmpty(instance.State) || instance.State == "{}" ? new InstanceState() : WorkflowJson.Read<InstanceState>(instance.State);
        variableIds = [];
        foreach (var v in definition.Variables.Where(v => v.Id != v.Name)) variableIds.TryAdd(v.Id, v.Name);
    }

    public ExecutionServices Services { get; }
    public WorkflowInstance Instance { get; }
    public WorkflowDefinition Definition { get; }
    public Flowchart Flowchart => Definition.Root;
    public WorkflowActor Actor { get; }
    public DateTimeOffset Now { get; }
    public JsonObject Variables { get; }
    public JsonObject Input { get; }
    public InstanceState State { get; }
    /// <summary>The instance's properties, parsed on first use (many bursts never read them).</summary>
    public JsonObject Properties => properties ??= WorkflowJson.ParseObject(Instance.Properties);

    public List<JournalEntry> Journal { get; } = [];
    public List<WorkflowEffect> Effects { get; } = [];
    public List<WorkflowTask> NewTasks { get; } = [];
    public List<Bookmark> NewBookmarks { get; } = [];
    public List<WorkflowTimer> NewTimers { get; } = [];
    /// <summary>Waits of earlier bursts ended without being consumed (their rows are cancelled or deleted).</summary>
    public List<ActiveWait> CancelledWaits { get; } = [];
    /// <summary>Escalation timers (id = task id) to delete because their task ended first.</summary>
    public List<Guid> EscalationTimersToDelete { get; } = [];
    public List<Guid> EscalatedTasks { get; } = [];
    /// <summary>Event ids this burst consumed (their keys stop a redelivery).</summary>
    public List<EventReceipt> Receipts { get; } = [];
    public (string? ActivityId, string? ActivityType, string Message)? Fault { get; private set; }
    /// <summary>The open incident this burst resolved (the failed step ran through).</summary>
    public Guid? ResolvedIncident { get; private set; }
    /// <summary>The incident this burst's fault is recorded on, and whether it is a new one.</summary>
    public (Guid Id, bool IsNew)? FaultIncident { get; private set; }

    /// <summary>An Elsa variable id resolves to its name; names pass through.</summary>
    public string VariableName(string idOrName) => variableIds.GetValueOrDefault(idOrName, idOrName);

    /// <summary>A new instance: initial variables, the journal's first line, and the start activity queued.</summary>
    public void Begin()
    {
        foreach (var v in Definition.Variables)
            if (!string.IsNullOrEmpty(v.Name)) Variables[v.Name] = v.InitialValue();
        AddJournal(JournalEvents.WorkflowStarted, null, null, new JsonObject { ["definitionVersion"] = Instance.DefinitionVersion });
        var start = Flowchart.Start ?? throw new InvalidOperationException("The definition has no Elsa.Start activity.");
        State.Queue.Add(new WorkItem(start.Id));
    }

    public ActiveWait? FindWait(WaitKind kind, Guid id) => State.Waits.FirstOrDefault(w => w.Kind == kind && w.Id == id);

    /// <summary>A wait was consumed by its trigger: its activity resumes with <paramref name="payload"/>.</summary>
    public void Resume(ActiveWait wait, JsonNode? payload)
    {
        State.Waits.Remove(wait);
        if (wait.Escalation) EscalationTimersToDelete.Add(wait.Id);
        State.Queue.Add(new WorkItem(wait.ActivityId, Resume: true, Payload: payload));
    }

    /// <summary>Runs queued work until every path waits or ends (or, when recording faults, until one fails).</summary>
    public void Run()
    {
        var steps = 0;
        while (State.Queue.Count > 0 && Instance.Status is not (WorkflowStatus.Finished or WorkflowStatus.Cancelled))
        {
            var item = State.Queue[0];
            State.Queue.RemoveAt(0);
            var node = Flowchart.Activities.GetValueOrDefault(item.ActivityId);
            try
            {
                if (++steps > Services.Options.MaxStepsPerBurst) throw new StepLimitException(Services.Options.MaxStepsPerBurst);
                if (node is null) throw new InvalidOperationException($"Activity '{item.ActivityId}' is not in definition version {Instance.DefinitionVersion}.");
                var activity = Services.Registry.Find(node.Type) ?? throw new InvalidOperationException($"Activity type '{node.Type}' is unknown.");
                var context = new ActivityContext(this, node, Instance.Sequence + 1, item.From);
                var result = item.Resume ? activity.Resume(context, item.Payload) : activity.Execute(context);
                Apply(node, item, context, result);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!recordFaults) throw new ActivityFaultException(item.ActivityId, e);
                // Recording: the failed step goes back first in the queue; a retry runs it again.
                State.Queue.Insert(0, item);
                Fault = (item.ActivityId, node?.Type, e.Message);
                return;
            }
        }
    }

    void Apply(ActivityNode node, WorkItem item, ActivityContext context, ActivityResult result)
    {
        var seq = ++Instance.Sequence;
        ApplyChanges(context, seq);
        if (context.ActivitiesToCancel.Count > 0) CancelActivities(context.ActivitiesToCancel.ToHashSet());

        var data = context.JournalData;
        string journalEvent;
        switch (result.Kind)
        {
            case ActivityResultKind.Continue:
                data["ports"] = new JsonArray([.. result.Ports.Select(p => (JsonNode?)p)]);
                journalEvent = item.Resume ? JournalEvents.ActivityResumed : JournalEvents.ActivityExecuted;
                foreach (var port in result.Ports)
                    foreach (var c in Flowchart.Outgoing(node.Id, port))
                        State.Queue.Add(new WorkItem(c.Target, From: node.Id));
                break;
            case ActivityResultKind.Wait:
                journalEvent = JournalEvents.ActivitySuspended;
                data["wait"] = AddWait(node, seq, result.Wait!);
                break;
            case ActivityResultKind.Finish:
                journalEvent = JournalEvents.ActivityExecuted;
                break;
            default:
                journalEvent = item.Resume ? JournalEvents.ActivityResumed : JournalEvents.ActivityExecuted;
                break;
        }
        Journal.Add(Entry(seq, node.Id, node.Type, journalEvent, data));
        if (result.Kind == ActivityResultKind.Finish) End(WorkflowStatus.Finished, JournalEvents.WorkflowFinished, null);
    }

    /// <summary>What an activity changed besides its result: variables, properties, unit, deadline, last task/event, effects.</summary>
    internal void ApplyChanges(ActivityContext context, long seq)
    {
        foreach (var (name, value) in context.VariableChanges) Variables[name] = value?.DeepClone();
        foreach (var (name, value) in context.PropertyChanges) Properties[name] = value?.DeepClone();
        if (context.NewUnit is not null) Instance.Unit = context.NewUnit;
        if (context.DueAtChanged) Instance.DueAt = context.NewDueAt;
        if (context.NewLastTask is not null) State.LastTask = context.NewLastTask;
        if (context.NewLastEvent is not null) State.LastEvent = context.NewLastEvent;
        for (var i = 0; i < context.EffectsToEmit.Count; i++)
        {
            var (type, payload) = context.EffectsToEmit[i];
            AddEffect(seq, i, type, payload);
        }
    }

    /// <summary>An effect of the step with sequence <paramref name="seq"/>; its id repeats when the step runs again.</summary>
    internal void AddEffect(long seq, int index, string type, JsonObject payload) =>
        Effects.Add(new WorkflowEffect(DeterministicId.For(Instance.Id, seq, index, DeterministicId.Effect), type,
            WorkflowJson.Write(payload), Now, Instance.Id, Instance.CorrelationId));

    JsonNode AddWait(ActivityNode node, long seq, WaitRequest wait)
    {
        var id = DeterministicId.For(Instance.Id, seq, 0, DeterministicId.Wait);
        switch (wait)
        {
            case TaskWait t:
                NewTasks.Add(new WorkflowTask
                {
                    Id = id, InstanceId = Instance.Id, ActivityId = node.Id, Unit = t.Unit, Role = t.Role,
                    Outcomes = WorkflowJson.Write(t.Outcomes), TitleVi = t.Title.Vi, TitleEn = t.Title.En,
                    Reference = Instance.Reference, CorrelationId = Instance.CorrelationId, Status = WorkflowTaskStatus.Open,
                    Properties = t.Properties is { Count: > 0 } p ? WorkflowJson.Write(p) : null, CreatedAt = Now, DueAt = t.DueAt,
                });
                if (t.DueAt is { } due)
                    NewTimers.Add(new WorkflowTimer { Id = id, InstanceId = Instance.Id, ActivityId = node.Id, Kind = TimerKind.Escalation, TaskId = id, DueAt = due });
                State.Waits.Add(new ActiveWait { ActivityId = node.Id, Kind = WaitKind.Task, Id = id, Escalation = t.DueAt is not null });
                return new JsonObject { ["task"] = id, ["unit"] = t.Unit, ["role"] = t.Role, ["dueAt"] = t.DueAt?.ToUniversalTime() };
            case EventWait e:
                NewBookmarks.Add(new Bookmark { Id = id, InstanceId = Instance.Id, ActivityId = node.Id, Name = e.EventName, CorrelationId = Instance.CorrelationId, CreatedAt = Now });
                State.Waits.Add(new ActiveWait { ActivityId = node.Id, Kind = WaitKind.Event, Id = id });
                return new JsonObject { ["event"] = e.EventName };
            case TimerWait t:
                NewTimers.Add(new WorkflowTimer { Id = id, InstanceId = Instance.Id, ActivityId = node.Id, Kind = TimerKind.Resume, DueAt = t.DueAt });
                State.Waits.Add(new ActiveWait { ActivityId = node.Id, Kind = WaitKind.Timer, Id = id });
                return new JsonObject { ["dueAt"] = t.DueAt.ToUniversalTime() };
            default:
                throw new InvalidOperationException($"Unknown wait {wait.GetType().Name}.");
        }
    }

    /// <summary>Ends the waits and queued work of some activities (WaitAny join).</summary>
    void CancelActivities(HashSet<string> activityIds)
    {
        foreach (var wait in State.Waits.Where(w => activityIds.Contains(w.ActivityId)).ToList()) CancelWait(wait);
        State.Queue.RemoveAll(w => activityIds.Contains(w.ActivityId));
        foreach (var id in activityIds) State.Joins.Remove(id);
    }

    void CancelWait(ActiveWait wait)
    {
        State.Waits.Remove(wait);
        // A wait created in this very burst has no row yet: just do not insert it.
        if (NewTasks.RemoveAll(t => t.Id == wait.Id) + NewBookmarks.RemoveAll(b => b.Id == wait.Id) + NewTimers.RemoveAll(t => t.Id == wait.Id) > 0)
            return;
        CancelledWaits.Add(wait);
    }

    /// <summary>The workflow ends: every wait is cancelled and nothing more runs.</summary>
    public void End(WorkflowStatus status, string journalEvent, JsonObject? data)
    {
        foreach (var wait in State.Waits.ToList()) CancelWait(wait);
        State.Queue.Clear();
        State.Joins.Clear();
        Instance.Status = status;
        Instance.FinishedAt = Now;
        AddJournal(journalEvent, null, null, data);
    }

    /// <summary>Settles the instance's status and writes the in-memory state back into the entity.</summary>
    public void Complete()
    {
        if (Fault is { } fault)
        {
            Instance.Status = WorkflowStatus.Faulted;
            FaultIncident = State.IncidentId is { } open ? (open, false) : (Guid.CreateVersion7(), true);
            State.IncidentId = FaultIncident.Value.Id;
            AddJournal(JournalEvents.ActivityFaulted, fault.ActivityId, fault.ActivityType, new JsonObject { ["message"] = fault.Message });
        }
        else
        {
            if (State.IncidentId is { } incident)
            {
                ResolvedIncident = incident;
                State.IncidentId = null;
                AddJournal(JournalEvents.IncidentResolved, null, null, new JsonObject { ["incident"] = incident });
            }
            if (Instance.Status is not (WorkflowStatus.Finished or WorkflowStatus.Cancelled))
            {
                if (State.Waits.Count > 0) Instance.Status = WorkflowStatus.Suspended;
                else End(WorkflowStatus.Finished, JournalEvents.WorkflowFinished, null);
            }
        }
        Instance.Variables = WorkflowJson.Write(Variables);
        if (properties is not null) Instance.Properties = WorkflowJson.Write(properties);
        Instance.State = WorkflowJson.Write(State);
        Instance.UpdatedAt = Now;
    }

    /// <summary>Adds an instance-level journal line; returns its sequence number.</summary>
    public long AddJournal(string journalEvent, string? activityId, string? activityType, JsonObject? data)
    {
        var seq = ++Instance.Sequence;
        Journal.Add(Entry(seq, activityId, activityType, journalEvent, data));
        return seq;
    }

    JournalEntry Entry(long seq, string? activityId, string? activityType, string journalEvent, JsonObject? data) => new()
    {
        InstanceId = Instance.Id, Seq = seq, ActivityId = activityId, ActivityType = activityType, Event = journalEvent,
        ActorId = Actor.Id, ActorName = Actor.Name, At = Now, Data = data is { Count: > 0 } ? WorkflowJson.Write(data) : null,
    };
}
