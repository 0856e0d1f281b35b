using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Messaging;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>A service's own database, reduced to the messaging tables.</summary>
public sealed class MessagingDb(DbContextOptions<MessagingDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessaging(Database);

    /// <summary>The database <paramref name="database"/> opens, with its tables created.</summary>
    public static async Task<MessagingDb> CreateAsync(Action<DbContextOptionsBuilder> database)
    {
        var options = new DbContextOptionsBuilder<MessagingDb>();
        database(options);
        var db = new MessagingDb(options.Options);
        await db.Database.EnsureCreatedAsync();
        return db;
    }
}

/// <summary>
/// A process that runs only the outbox dispatcher over <see cref="MessagingDb"/>: service defaults (discovery, HTTP
/// defaults), its own client credentials, and routes to the stand-in consumer.
/// </summary>
sealed class DispatcherProcess : IAsyncDisposable
{
    readonly IHost host;
    DispatcherProcess(IHost host) => this.host = host;

    public static async Task<DispatcherProcess> StartAsync(Action<DbContextOptionsBuilder> database, TestTokenIssuer tokens,
        ConsumerStandIn consumer, string clientId)
    {
        var host = Build(database, tokens, consumer, clientId);
        await host.StartAsync();
        return new DispatcherProcess(host);
    }

    /// <summary>The same process, not started: its dispatcher runs only the rounds a test asks for.</summary>
    public static (IHost Host, OutboxDispatcher<MessagingDb> Dispatcher) Stopped(Action<DbContextOptionsBuilder> database, TestTokenIssuer tokens,
        ConsumerStandIn consumer, string clientId)
    {
        var host = Build(database, tokens, consumer, clientId);
        return (host, host.Services.GetServices<IHostedService>().OfType<OutboxDispatcher<MessagingDb>>().Single());
    }

    static IHost Build(Action<DbContextOptionsBuilder> database, TestTokenIssuer tokens, ConsumerStandIn consumer, string clientId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = tokens.Authority,
            ["Auth:ClientId"] = clientId,
            ["Auth:ClientSecret"] = "test-secret",
            ["services:consumer:http:0"] = consumer.Address,
            ["Messaging:Routes:Test.v1"] = "consumer",
            ["Messaging:PollIntervalMilliseconds"] = "20",
            ["Messaging:BatchSize"] = "10",
            ["Messaging:RetryBaseMilliseconds"] = "50",
            ["Messaging:RetryMaxMilliseconds"] = "200",
            ["Messaging:DeliveryTimeoutSeconds"] = "5",
        });
        builder.AddServiceDefaults();
        builder.Services.AddDbContext<MessagingDb>(database);
        builder.AddMessaging<MessagingDb>();
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

public sealed class DispatcherFixture : IAsyncLifetime
{
    PostgresDatabase? database;
    DispatcherProcess? dispatcher;

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public ConsumerStandIn Consumer { get; private set; } = null!;
    public Action<DbContextOptionsBuilder> Database => o => o.UseNpgsql(database!.ConnectionString);

    public async Task InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        Consumer = await ConsumerStandIn.StartAsync(Tokens, "consumer");
        database = await PostgresDatabase.CreateAsync("outbox");
        await (await MessagingDb.CreateAsync(Database)).DisposeAsync();
        dispatcher = await DispatcherProcess.StartAsync(Database, Tokens, Consumer, "svc-a");
    }

    public MessagingDb NewDb()
    {
        var options = new DbContextOptionsBuilder<MessagingDb>();
        Database(options);
        return new MessagingDb(options.Options);
    }

    public async Task DisposeAsync()
    {
        if (dispatcher is not null)
            await dispatcher.DisposeAsync();
        await Consumer.DisposeAsync();
        await Tokens.DisposeAsync();
        if (database is not null)
            await database.DisposeAsync();
    }
}

/// <summary>The outbox dispatcher against real PostgreSQL and a real HTTP consumer.</summary>
public sealed class OutboxDispatcherTests(DispatcherFixture fixture) : IClassFixture<DispatcherFixture>
{
    internal static OutboxMessage Event(string type = "Test.v1", int n = 1, DateTimeOffset? at = null) => new()
    {
        Id = Guid.CreateVersion7(), Type = type, Payload = $$"""{"n":{{n}},"text":"Hồ sơ"}""", OccurredAt = at ?? DateTimeOffset.UtcNow,
    };

    /// <summary>An event about one dossier, <paramref name="ms"/> milliseconds after a common start.</summary>
    internal static OutboxMessage DossierEvent(Guid dossierId, DateTimeOffset start, int ms) => new()
    {
        Id = Guid.CreateVersion7(), Type = "Test.v1", Payload = $$"""{"dossierId":"{{dossierId}}","n":{{ms}}}""", OccurredAt = start.AddMilliseconds(ms),
    };

    async Task<OutboxMessage[]> AddAsync(params OutboxMessage[] messages)
    {
        await using var db = fixture.NewDb();
        db.AddRange(messages);
        await db.SaveChangesAsync();
        return messages;
    }

    async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = fixture.NewDb();
        return await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_committed_event_is_delivered_with_its_envelope_and_a_service_token()
    {
        var sent = (await AddAsync(Event(n: 7)))[0];
        await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).DispatchedAt is not null, "the event is marked dispatched");

        var delivery = Assert.Single(fixture.Consumer.Of(sent.Id));
        Assert.Equal("svc-a", delivery.ClientId);
        Assert.Equal("Test.v1", delivery.Envelope.Type);
        Assert.Equal(sent.OccurredAt.ToUnixTimeMilliseconds(), delivery.Envelope.OccurredAt.ToUnixTimeMilliseconds());
        Assert.Equal(7, delivery.Envelope.Payload.GetProperty("n").GetInt32());
        Assert.Equal("Hồ sơ", delivery.Envelope.Payload.GetProperty("text").GetString());
        var row = await RowAsync(sent.Id);
        Assert.Equal(1, row.Attempts);
        Assert.False(row.Poisoned);
        Assert.True(row.DispatchedAt - delivery.At < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_500_is_retried_with_backoff_until_the_consumer_accepts()
    {
        var sent = Event();
        fixture.Consumer.Answer = (e, n) => e.Id == sent.Id && n <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        await AddAsync(sent);
        await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).DispatchedAt is not null, "the event is delivered on the third try");

        var deliveries = fixture.Consumer.Of(sent.Id);
        Assert.Equal(3, deliveries.Count);
        Assert.True(deliveries[1].At - deliveries[0].At >= TimeSpan.FromMilliseconds(35), "the retry waited for its backoff");
        var row = await RowAsync(sent.Id);
        Assert.Equal(3, row.Attempts);
        Assert.StartsWith("500", row.LastError, StringComparison.Ordinal);
        Assert.False(row.Poisoned);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status404NotFound)]
    [InlineData(StatusCodes.Status403Forbidden)]
    public async Task A_4xx_poisons_the_event_and_it_is_never_retried(int status)
    {
        var sent = Event();
        fixture.Consumer.Answer = (e, _) => e.Id == sent.Id ? status : StatusCodes.Status200OK;
        using var counted = new DeadLetterCount("Test.v1");
        await AddAsync(sent);
        await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).Poisoned, "the event is poisoned");
        Assert.Equal([(1L, "refused")], counted.Measurements);
        await Task.Delay(400); // many poll rounds and backoff periods

        Assert.Single(fixture.Consumer.Of(sent.Id));
        var row = await RowAsync(sent.Id);
        Assert.Null(row.DispatchedAt);
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), row.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized)]
    [InlineData(StatusCodes.Status408RequestTimeout)]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task Timeouts_throttling_and_unavailability_are_retried_not_poisoned(int status)
    {
        var sent = Event();
        fixture.Consumer.Answer = (e, n) => e.Id == sent.Id && n == 1 ? status : StatusCodes.Status200OK;
        await AddAsync(sent);
        await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).DispatchedAt is not null, "the event is delivered on the second try");
        Assert.Equal(2, (await RowAsync(sent.Id)).Attempts);
        Assert.Equal(2, fixture.Consumer.Of(sent.Id).Count);
    }

    [Fact]
    public async Task Events_committed_together_travel_in_one_request_in_the_order_they_occurred()
    {
        var start = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 5).Select(i => Event(n: i, at: start.AddMilliseconds(i))).ToArray();
        await AddAsync(events);
        await Eventually.HoldsAsync(async () => (await Task.WhenAll(events.Select(e => RowAsync(e.Id)))).All(r => r.DispatchedAt is not null),
            "all five are delivered");
        var ids = events.Select(e => e.Id).ToList();
        var batch = Assert.Single(fixture.Consumer.Batches, b => b.Intersect(ids).Any());
        Assert.Equal(ids, batch.Where(ids.Contains));
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task A_batch_refused_as_a_whole_is_retried_never_poisoned(int status)
    {
        var sent = Event();
        fixture.Consumer.BatchStatus = status;
        try
        {
            await AddAsync(sent);
            await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).Attempts >= 2, "the event was tried twice");
            var row = await RowAsync(sent.Id);
            Assert.False(row.Poisoned);
            Assert.Null(row.DispatchedAt);
            Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), row.LastError, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Consumer.BatchStatus = null;
        }
        await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).DispatchedAt is not null, "the event is delivered once the consumer accepts");
        Assert.Single(fixture.Consumer.Of(sent.Id));
    }

    [Fact]
    public async Task An_event_type_without_a_consumer_is_dead_lettered_at_once_with_its_reason_and_counted()
    {
        var sent = Event(type: "Unrouted.v1");
        using var counted = new DeadLetterCount("Unrouted.v1");
        await AddAsync(sent);
        await Eventually.HoldsAsync(async () => (await RowAsync(sent.Id)).Poisoned, "the event is set aside");
        await Task.Delay(400); // many poll rounds: it is not tried again

        var row = await RowAsync(sent.Id);
        Assert.Contains("Messaging:Routes:Unrouted.v1", row.LastError, StringComparison.Ordinal);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.DispatchedAt);
        Assert.Null(row.NextAttemptAt);
        Assert.Empty(fixture.Consumer.Of(sent.Id));
        Assert.Equal([(1L, "no-consumer")], counted.Measurements);
    }

    /// <summary>The dead-letter metric's measurements for one event type, read as the exporter would.</summary>
    sealed class DeadLetterCount : IDisposable
    {
        readonly System.Diagnostics.Metrics.MeterListener listener = new();
        readonly List<(long, string)> measurements = [];

        public DeadLetterCount(string type)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MessagingMetrics.MeterName && instrument.Name == MessagingMetrics.DeadLettered)
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? eventType = null, reason = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "event.type") eventType = tag.Value as string;
                    if (tag.Key == "reason") reason = tag.Value as string;
                }
                if (eventType == type)
                    lock (measurements) measurements.Add((value, reason ?? ""));
            });
            listener.Start();
        }

        public IReadOnlyList<(long, string)> Measurements { get { lock (measurements) return [.. measurements]; } }

        public void Dispose() => listener.Dispose();
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_share_the_work_and_deliver_each_event_exactly_once()
    {
        await using var second = await DispatcherProcess.StartAsync(fixture.Database, fixture.Tokens, fixture.Consumer, "svc-b");
        fixture.Consumer.Delay = TimeSpan.FromMilliseconds(3);
        try
        {
            var sent = await AddAsync([.. Enumerable.Range(0, 200).Select(i => Event(n: i))]);
            var ids = sent.Select(m => m.Id).ToHashSet();
            await using var db = fixture.NewDb();
            await Eventually.HoldsAsync(async () => await db.Set<OutboxMessage>().CountAsync(m => ids.Contains(m.Id) && m.DispatchedAt != null) == ids.Count,
                "all 200 events are delivered", seconds: 30);

            var deliveries = fixture.Consumer.All.Where(d => ids.Contains(d.Envelope.Id)).ToList();
            Assert.Equal(ids.Count, deliveries.Count);
            Assert.All(deliveries.GroupBy(d => d.Envelope.Id), g => Assert.Single(g));
            Assert.Equal(0, fixture.Consumer.Overlaps);
            Assert.Contains(deliveries, d => d.ClientId == "svc-a");
            Assert.Contains(deliveries, d => d.ClientId == "svc-b");
        }
        finally
        {
            fixture.Consumer.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_dossiers_later_event_waits_while_an_earlier_one_waits_for_its_retry_and_then_follows_it()
    {
        await using var outbox = await OwnOutbox.CreateAsync(fixture);
        var (db, dispatcher) = (outbox.Db, outbox.Dispatcher);
        var (dossier, other, start) = (Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var (received, processed, elsewhere) = (DossierEvent(dossier, start, 0), DossierEvent(dossier, start, 1), DossierEvent(other, start, 2));
        received.Attempts = 1;
        received.NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(2);
        db.AddRange(received, processed, elsewhere);
        await db.SaveChangesAsync();

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Single(fixture.Consumer.Of(elsewhere.Id));
        Assert.Empty(fixture.Consumer.Of(processed.Id));
        var held = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == processed.Id);
        Assert.Equal(dossier.ToString(), held.OrderKey);
        Assert.Equal((0, received.NextAttemptAt.Value.ToUnixTimeMilliseconds()), (held.Attempts, held.NextAttemptAt!.Value.ToUnixTimeMilliseconds()));

        // Once the first one is due, both leave in one round, in order.
        await Task.Delay(received.NextAttemptAt.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var order = fixture.Consumer.All.Select(d => d.Envelope.Id).Where(id => id == received.Id || id == processed.Id).ToList();
        Assert.Equal([received.Id, processed.Id], order);
    }

    [Fact]
    public async Task A_poisoned_event_no_longer_holds_back_its_dossier()
    {
        await using var outbox = await OwnOutbox.CreateAsync(fixture);
        var (db, dispatcher) = (outbox.Db, outbox.Dispatcher);
        var (dossier, start) = (Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var (refused, next) = (DossierEvent(dossier, start, 0), DossierEvent(dossier, start, 1));
        refused.Poisoned = true;
        refused.NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1);
        db.AddRange(refused, next);
        await db.SaveChangesAsync();

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Single(fixture.Consumer.Of(next.Id));
        Assert.Empty(fixture.Consumer.Of(refused.Id));
    }

    [Fact]
    public async Task A_dossiers_later_event_waits_while_another_replica_is_sending_an_earlier_one()
    {
        await using var outbox = await OwnOutbox.CreateAsync(fixture);
        var (db, dispatcher) = (outbox.Db, outbox.Dispatcher);
        var (dossier, other, start) = (Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var (received, processed, elsewhere) = (DossierEvent(dossier, start, 0), DossierEvent(dossier, start, 1), DossierEvent(other, start, 2));
        db.AddRange(received, processed, elsewhere);
        await db.SaveChangesAsync();

        // The other replica's round: its batch is the dossier's first event, locked until its results are committed.
        await using (var replica = new Npgsql.NpgsqlConnection(outbox.ConnectionString))
        {
            await replica.OpenAsync();
            await using var round = await replica.BeginTransactionAsync();
            await using (var take = new Npgsql.NpgsqlCommand("SELECT id FROM outbox_messages WHERE id = @id FOR UPDATE", replica, round))
            {
                take.Parameters.AddWithValue("id", received.Id);
                await take.ExecuteNonQueryAsync();
            }
            await dispatcher.DispatchOnceAsync(CancellationToken.None);
            Assert.Single(fixture.Consumer.Of(elsewhere.Id));
            Assert.Empty(fixture.Consumer.Of(processed.Id));
            Assert.Equal(0, (await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == processed.Id)).Attempts);
        }

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var order = fixture.Consumer.All.Select(d => d.Envelope.Id).Where(id => id == received.Id || id == processed.Id).ToList();
        Assert.Equal([received.Id, processed.Id], order);
    }

    /// <summary>An outbox of its own with a dispatcher that runs only the rounds a test asks for (no background rounds).</summary>
    sealed class OwnOutbox(PostgresDatabase database, IHost host, OutboxDispatcher<MessagingDb> dispatcher, MessagingDb db) : IAsyncDisposable
    {
        public MessagingDb Db => db;
        public OutboxDispatcher<MessagingDb> Dispatcher => dispatcher;
        public string ConnectionString => database.ConnectionString;

        public static async Task<OwnOutbox> CreateAsync(DispatcherFixture fixture)
        {
            var database = await PostgresDatabase.CreateAsync("outbox-order");
            Action<DbContextOptionsBuilder> options = o => o.UseNpgsql(database.ConnectionString);
            var (host, dispatcher) = DispatcherProcess.Stopped(options, fixture.Tokens, fixture.Consumer, "svc-a");
            return new OwnOutbox(database, host, dispatcher, await MessagingDb.CreateAsync(options));
        }

        public async ValueTask DisposeAsync()
        {
            await db.DisposeAsync();
            host.Dispose();
            await database.DisposeAsync();
        }
    }

    [Fact]
    public void Backoff_doubles_from_the_base_up_to_the_cap_with_bounded_jitter()
    {
        var options = new MessagingOptions { RetryBaseMilliseconds = 1_000, RetryMaxMilliseconds = 60_000 };
        Assert.Equal(TimeSpan.FromSeconds(1), options.Backoff(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(4), options.Backoff(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(60), options.Backoff(50, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(800), options.Backoff(1, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1_200), options.Backoff(1, 1));
    }
}

/// <summary>The embedded mode: the same dispatcher over SQLite, where nothing is locked.</summary>
public sealed class SqliteOutboxDispatcherTests : IAsyncLifetime
{
    TestTokenIssuer tokens = null!;
    ConsumerStandIn consumer = null!;
    string folder = "";

    public async Task InitializeAsync()
    {
        tokens = await TestTokenIssuer.StartAsync();
        consumer = await ConsumerStandIn.StartAsync(tokens, "consumer");
        folder = Directory.CreateTempSubdirectory("outbox-sqlite-").FullName;
    }

    [Fact]
    public async Task The_dispatcher_delivers_and_retries_on_SQLite()
    {
        var database = Sqlite("outbox.db");
        await using var db = await MessagingDb.CreateAsync(database);
        var first = OutboxDispatcherTests.Event(n: 1);
        var second = OutboxDispatcherTests.Event(n: 2);
        consumer.Answer = (e, n) => e.Id == first.Id && n == 1 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        db.AddRange(first, second);
        await db.SaveChangesAsync();

        await using (await DispatcherProcess.StartAsync(database, tokens, consumer, "svc-a"))
            await Eventually.HoldsAsync(async () => await db.Set<OutboxMessage>().AsNoTracking().CountAsync(m => m.DispatchedAt != null) == 2,
                "both events are delivered");

        Assert.Equal(2, consumer.Of(first.Id).Count);
        Assert.Single(consumer.Of(second.Id));
        Assert.Equal(2, (await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == first.Id)).Attempts);
        Assert.Equal(JsonValueKind.Object, consumer.Of(second.Id)[0].Envelope.Payload.ValueKind);
    }

    [Fact]
    public async Task On_SQLite_too_a_dossiers_later_event_waits_for_an_earlier_one_backing_off()
    {
        var database = Sqlite("order.db");
        await using var db = await MessagingDb.CreateAsync(database);
        var (host, dispatcher) = DispatcherProcess.Stopped(database, tokens, consumer, "svc-a");
        using var _ = host;
        var (dossier, start) = (Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var (received, processed, alone) = (OutboxDispatcherTests.DossierEvent(dossier, start, 0), OutboxDispatcherTests.DossierEvent(dossier, start, 1),
            OutboxDispatcherTests.Event(n: 3, at: start.AddMilliseconds(2)));
        received.NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(2);
        db.AddRange(received, processed, alone);
        await db.SaveChangesAsync();

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Empty(consumer.Of(processed.Id));
        Assert.Single(consumer.Of(alone.Id));

        await Task.Delay(received.NextAttemptAt.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Equal([received.Id, processed.Id], consumer.All.Select(d => d.Envelope.Id).Where(id => id != alone.Id));
    }

    /// <summary>How the dispatcher opens a SQLite outbox in this test's folder.</summary>
    Action<DbContextOptionsBuilder> Sqlite(string file) => o => o.UseSqlite($"Data Source={Path.Combine(folder, file)}");

    public async Task DisposeAsync()
    {
        await consumer.DisposeAsync();
        await tokens.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
