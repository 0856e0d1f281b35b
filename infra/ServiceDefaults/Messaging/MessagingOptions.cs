using System.ComponentModel.DataAnnotations;
using System.Security.Claims;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>Where events go and how hard the dispatcher tries; bound from the "Messaging" section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>
    /// Event type → consuming service's discovery name, e.g. <c>Messaging:Routes:DossierSubmitted.v1 = workflow</c>;
    /// the event is POSTed to <c>http://workflow/api/workflow/events</c> with a token for scope "workflow".
    /// </summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// For a consumer: event type → the one client id allowed to send it. A type not listed comes from nobody; a service
    /// that consumes a type without exactly one producer here does not start (<see cref="EventEndpoints"/>).
    /// </summary>
    public Dictionary<string, string[]> Producers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Runs the outbox dispatcher in this process.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How soon a committed event is noticed when the outbox was empty.</summary>
    [Range(10, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 200;

    /// <summary>Events locked and delivered per round.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Delay before the first retry; doubles on every failure up to <see cref="RetryMaxMilliseconds"/>.</summary>
    [Range(1, 3_600_000)]
    public int RetryBaseMilliseconds { get; set; } = 1_000;

    [Range(1, 86_400_000)]
    public int RetryMaxMilliseconds { get; set; } = 300_000;

    /// <summary>Time allowed for one delivery; an event that times out is retried.</summary>
    [Range(1, 600)]
    public int DeliveryTimeoutSeconds { get; set; } = 10;

    /// <summary>True when the caller's client is the one named to send events of this type.</summary>
    public bool MayProduce(ClaimsPrincipal caller, string type) =>
        Producers.TryGetValue(type, out var allowed) && allowed is [{ Length: > 0 } producer]
        && string.Equals(caller.FindFirst(Claims.ClientId)?.Value, producer, StringComparison.Ordinal);

    /// <summary>The types among <paramref name="consumed"/> for which this configuration does not name exactly one producer.</summary>
    public IReadOnlyList<string> WithoutOneProducer(IEnumerable<string> consumed) =>
        [.. consumed.Where(t => !Producers.TryGetValue(t, out var allowed) || allowed is not [{ Length: > 0 }])];

    /// <summary>
    /// The delay before attempt <paramref name="attempts"/> + 1: exponential, capped, with ±20% jitter so that events
    /// failing together do not retry together.
    /// </summary>
    public TimeSpan Backoff(int attempts, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = Math.Min(RetryBaseMilliseconds * Math.Pow(2, exponent), RetryMaxMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + 0.4 * Math.Clamp(jitter, 0, 1)));
    }
}
