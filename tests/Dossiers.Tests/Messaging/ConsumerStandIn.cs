using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Messaging;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>
/// A consuming service's <c>POST /api/&lt;service&gt;/events</c> and <c>…/events/batch</c> on real Kestrel: it validates the caller's service
/// token (audience = the service name), records every delivery with the caller's client id, answers what
/// <see cref="Answer"/> says, and notes when one event is being delivered twice at the same time.
/// </summary>
public sealed class ConsumerStandIn : StandInHost
{
    public sealed record Delivery(EventEnvelope Envelope, string? ClientId, DateTimeOffset At);

    readonly ConcurrentQueue<Delivery> deliveries = new();
    readonly ConcurrentDictionary<Guid, int> inFlight = new();
    int overlaps;

    /// <summary>The status to answer for an event and the number of its delivery (1 for the first).</summary>
    public Func<EventEnvelope, int, int> Answer { get; set; } = (_, _) => StatusCodes.Status200OK;

    /// <summary>When set, a batch request as a whole is answered with this status and nothing in it is recorded.</summary>
    public int? BatchStatus { get; set; }

    /// <summary>The events of each batch request received, in order.</summary>
    public IReadOnlyList<IReadOnlyList<Guid>> Batches => batches.ToList();

    readonly ConcurrentQueue<IReadOnlyList<Guid>> batches = new();

    /// <summary>How long each delivery takes to handle.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Deliveries of one event that overlapped in time.</summary>
    public int Overlaps => overlaps;

    public IReadOnlyList<Delivery> Of(Guid id) => deliveries.Where(d => d.Envelope.Id == id).ToList();

    public IReadOnlyList<Delivery> All => deliveries.ToList();

    public static async Task<ConsumerStandIn> StartAsync(TestTokenIssuer tokens, string service)
    {
        var standIn = new ConsumerStandIn();
        var builder = NewBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = tokens.Authority,
            ["Auth:Audience"] = service,
        });
        builder.AddTokenValidation();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost($"/api/{service}/events", async (EventEnvelope envelope, ClaimsPrincipal caller) =>
            Results.StatusCode(await standIn.ReceiveAsync(envelope, caller))).RequireAuthorization(Policies.Service);
        app.MapPost($"/api/{service}/events/batch", async (EventBatch batch, ClaimsPrincipal caller) =>
        {
            if (standIn.BatchStatus is { } refused)
                return Results.StatusCode(refused);
            standIn.batches.Enqueue([.. (batch.Events ?? []).Select(e => e.Id)]);
            var results = new List<EventResult>();
            foreach (var envelope in batch.Events ?? [])
                results.Add(new EventResult(envelope.Id, await standIn.ReceiveAsync(envelope, caller), null));
            return Results.Ok(new EventBatchResults(results));
        }).RequireAuthorization(Policies.Service);
        await standIn.StartAsync(app);
        return standIn;
    }

    async Task<int> ReceiveAsync(EventEnvelope envelope, ClaimsPrincipal caller)
    {
        if (inFlight.AddOrUpdate(envelope.Id, 1, (_, n) => n + 1) > 1)
            Interlocked.Increment(ref overlaps);
        try
        {
            var number = Of(envelope.Id).Count + 1;
            deliveries.Enqueue(new Delivery(envelope, caller.FindFirst(Claims.ClientId)?.Value, DateTimeOffset.UtcNow));
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay);
            return Answer(envelope, number);
        }
        finally
        {
            inFlight.AddOrUpdate(envelope.Id, 0, (_, n) => n - 1);
        }
    }
}

static class Eventually
{
    /// <summary>Waits until the condition holds, failing with the message after the timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string message, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out after {seconds} s: {message}");
            await Task.Delay(25);
        }
    }
}
