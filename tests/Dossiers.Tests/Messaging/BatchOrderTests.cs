using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Messaging;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>
/// The consumer's side of ordering, on the real batch endpoint: once an event of a dossier fails in a way its producer
/// retries, the dossier's later events of the batch wait for it (503) instead of overtaking it; other dossiers go on.
/// </summary>
public sealed class BatchOrderTests : IAsyncLifetime
{
    TestTokenIssuer tokens = null!;
    ConsumerHost consumer = null!;
    readonly FlakyConsumer.Log log = new();

    public async Task InitializeAsync()
    {
        tokens = await TestTokenIssuer.StartAsync();
        consumer = await ConsumerHost.StartAsync(tokens, log);
    }

    /// <summary>A service whose event endpoints are the real ones, over <see cref="FlakyConsumer"/>.</summary>
    sealed class ConsumerHost : StandInHost
    {
        public static async Task<ConsumerHost> StartAsync(TestTokenIssuer tokens, FlakyConsumer.Log log)
        {
            var builder = NewBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:Issuer"] = TestTokenIssuer.Issuer,
                ["Auth:Authority"] = tokens.Authority,
                ["Auth:Audience"] = "consumer",
                ["Messaging:Producers:Test.v1:0"] = "svc-a",
                ["Messaging:DispatcherEnabled"] = "false",
            });
            builder.Services.AddLocalization();
            builder.AddTokenValidation();
            builder.AddMessaging<MessagingDb>();
            builder.Services.AddSingleton(log);
            builder.Services.AddScoped<FlakyConsumer>();
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapEventEndpoints<FlakyConsumer>("consumer");
            var host = new ConsumerHost();
            await host.StartAsync(app);
            return host;
        }
    }

    static JsonObject Event(Guid id, Guid dossierId, int answer) => new()
    {
        ["id"] = id, ["type"] = "Test.v1", ["occurredAt"] = DateTimeOffset.UtcNow,
        ["payload"] = new JsonObject { ["dossierId"] = dossierId, ["answer"] = answer },
    };

    [Fact]
    public async Task After_an_event_that_will_be_retried_the_same_dossiers_later_events_wait_and_others_go_on()
    {
        var (dossier, other) = (Guid.NewGuid(), Guid.NewGuid());
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var batch = new JsonObject
        {
            ["events"] = new JsonArray(
                Event(ids[0], dossier, 200), Event(ids[1], dossier, 500), Event(ids[2], dossier, 200),
                Event(ids[3], other, 200), Event(ids[4], dossier, 422)),
        };
        using var client = new HttpClient { BaseAddress = new Uri(consumer.Address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Service("consumer", "svc-a"));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi");
        using var response = await client.PostAsJsonAsync("/api/consumer/events/batch", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();

        Assert.Equal([200, 500, 503, 200, 503], results.Select(r => (int)r!["status"]!));
        Assert.Equal([ids[0], ids[1], ids[3]], log.Handled.OrderBy(h => Array.IndexOf(ids, h)));
        Assert.Contains(ids[1].ToString(), (string)results[2]!["body"]!["title"]!, StringComparison.Ordinal);
        Assert.StartsWith("Sự kiện trước đó của cùng hồ sơ", (string)results[4]!["body"]!["title"]!, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await consumer.DisposeAsync();
        await tokens.DisposeAsync();
    }

    /// <summary>Answers each event with the status its payload names, and logs the events it handled.</summary>
    sealed class FlakyConsumer(FlakyConsumer.Log log) : IEventConsumer
    {
        public sealed class Log
        {
            readonly ConcurrentQueue<Guid> handled = new();
            public void Add(Guid id) => handled.Enqueue(id);
            public IReadOnlyList<Guid> Handled => [.. handled];
        }

        public IReadOnlyCollection<string> Types { get; } = ["Test.v1"];

        public Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel)
        {
            log.Add(envelope.Id);
            return Task.FromResult(Results.StatusCode(envelope.Payload.GetProperty("answer").GetInt32()));
        }
    }
}
