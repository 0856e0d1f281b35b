using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Testing;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>
/// The runtime wired as a host would wire it, on a real database: a fresh PostgreSQL database (or a SQLite file),
/// the schema created from the model, a manual clock, an outbox writer and the test activities. A module's tests add
/// theirs through the configuration.
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    readonly ServiceProvider provider;
    readonly Func<ValueTask> cleanup;

    readonly Action<DbContextOptionsBuilder> database;
    readonly Action<IServiceCollection>? configure;

    WorkflowHost(ServiceProvider provider, ManualTime clock, Func<ValueTask> cleanup, Action<DbContextOptionsBuilder> database,
        Action<IServiceCollection>? configure)
    {
        this.provider = provider;
        this.cleanup = cleanup;
        this.database = database;
        this.configure = configure;
        Clock = clock;
    }

    public ManualTime Clock { get; }
    public IServiceProvider Services => provider;
    public WorkflowRuntime Runtime => provider.GetRequiredService<WorkflowRuntime>();
    public WorkflowQueries Queries => provider.GetRequiredService<WorkflowQueries>();
    public WorkflowDefinitionStore Store => provider.GetRequiredService<WorkflowDefinitionStore>();

    public static async Task<WorkflowHost> PostgresAsync(string prefix, Action<IServiceCollection>? configure = null, Action<DbContextOptionsBuilder>? options = null)
    {
        var database = await PostgresDatabase.CreateAsync(prefix);
        return await CreateAsync(db =>
        {
            db.UseNpgsql(database.ConnectionString);
            options?.Invoke(db);
        }, configure, () => database.DisposeAsync());
    }

    public static async Task<WorkflowHost> SqliteAsync(Action<IServiceCollection>? configure = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"workflow-test-{Guid.NewGuid():N}.db");
        return await CreateAsync(db => db.UseSqlite($"Data Source={file};Pooling=False"), configure, () =>
        {
            File.Delete(file);
            return ValueTask.CompletedTask;
        });
    }

    static async Task<WorkflowHost> CreateAsync(Action<DbContextOptionsBuilder> database, Action<IServiceCollection>? configure, Func<ValueTask> cleanup)
    {
        var host = Build(database, configure, cleanup);
        await using var scope = host.provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TestDb>().Database.EnsureCreatedAsync();
        return host;
    }

    /// <summary>A second replica on the same database: its own services and memory (the owner drops the database).</summary>
    public WorkflowHost Replica() => Build(database, configure, () => ValueTask.CompletedTask);

    static WorkflowHost Build(Action<DbContextOptionsBuilder> database, Action<IServiceCollection>? configure, Func<ValueTask> cleanup)
    {
        var clock = new ManualTime(ManualTime.WednesdayMorning);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDbContextPool<TestDb>(database);
        services.AddScoped<IWorkflowEffectWriter, OutboxEffectWriter>();
        services.AddWorkflowEngine<TestDb>(o =>
        {
            o.EnablePoller = false;
            o.IncidentBackoff = TimeSpan.FromSeconds(10);
        });
        foreach (var activity in TestActivities.All) services.AddSingleton(activity);
        configure?.Invoke(services);
        return new WorkflowHost(services.BuildServiceProvider(), clock, cleanup, database, configure);
    }

    /// <summary>Saves and publishes a definition; fails the test if it is invalid.</summary>
    public async Task<WorkflowDefinition> PublishAsync(WorkflowDefinition definition)
    {
        await Store.SaveDraftAsync(definition);
        var result = await Store.PublishAsync(definition.DefinitionId);
        Assert.True(result.Status == PublishStatus.Published,
            string.Join("; ", result.Problems?.Select(p => p.ToString()) ?? []));
        return result.Definition!;
    }

    /// <summary>Starts an instance for a new case of the demo agency's centre; fails the test if it does not start.</summary>
    public async Task<Guid> StartAsync(string definitionId, JsonObject? input = null, Guid? startId = null, JsonObject? properties = null)
    {
        var result = await Runtime.StartAsync(new StartWorkflowRequest(definitionId, Guid.NewGuid().ToString(), Actors.Dossiers)
        {
            Unit = Actors.Centre, Reference = $"{Actors.Centre}-261125-{Random.Shared.Next(1, 9999):D4}",
            Input = input, StartId = startId, Properties = properties,
        });
        Assert.True(result.Status is StartStatus.Started or StartStatus.AlreadyStarted, result.Status.ToString());
        return result.InstanceId!.Value;
    }

    public async Task<T> WithDbAsync<T>(Func<TestDb, Task<T>> query)
    {
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TestDb>());
    }

    /// <summary>The effects written to the outbox for an instance, in step order.</summary>
    public Task<List<OutboxRow>> EffectsAsync(Guid instanceId) => WithDbAsync(async db =>
    {
        var rows = await db.Outbox.AsNoTracking().Where(o => o.InstanceId == instanceId).ToListAsync();
        return rows.OrderBy(r => r.Position).ToList();
    });

    /// <summary>The numbers of the <see cref="Mark"/> effects written for an instance, in step order.</summary>
    public async Task<List<int>> MarksAsync(Guid instanceId) =>
        [.. (await EffectsAsync(instanceId)).Where(e => e.Type == Mark.Effect).Select(e => Mark.Of(e.Payload))];

    /// <summary>The open task of an activity of an instance.</summary>
    public async Task<TaskView> OpenTaskAsync(Guid instanceId, string activityId)
    {
        var tasks = await Queries.TasksOfInstanceAsync(instanceId);
        return Assert.Single(tasks, t => t.ActivityId == activityId && t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed);
    }

    public async Task<TaskActionResult> CompleteAsync(Guid instanceId, string activityId, string outcome, WorkflowActor actor,
        string? comment = null, JsonObject? data = null, IReadOnlyList<string>? attachments = null)
    {
        var task = await OpenTaskAsync(instanceId, activityId);
        return await Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, outcome, actor) { Comment = comment, Data = data, Attachments = attachments });
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await cleanup();
    }
}
