using System.Security.Claims;
using PublicServices.ServiceDefaults.Messaging;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>
/// Messaging:Producers: each event type a service consumes comes from the one client its configuration names. A service
/// whose configuration does not name one for every type it consumes does not start (MapEventEndpoints), so every host
/// of these tests, which reads the services' own appsettings.json, checks their configuration too.
/// </summary>
public class ProducersTests
{
    static ClaimsPrincipal Client(string id) => new(new ClaimsIdentity([new Claim("client_id", id), new Claim("role", "service")], "test"));

    static MessagingOptions Options() => new() { Producers = new(StringComparer.Ordinal) { ["DossierStatusChanged.v1"] = ["svc-workflow"] } };

    [Fact]
    public void Only_the_named_client_may_send_a_type_and_a_type_nobody_is_named_for_comes_from_nobody()
    {
        var options = Options();
        Assert.True(options.MayProduce(Client("svc-workflow"), "DossierStatusChanged.v1"));
        Assert.False(options.MayProduce(Client("svc-payments"), "DossierStatusChanged.v1"));
        Assert.False(options.MayProduce(Client("svc-workflow"), "DossierTransferred.v1"));
    }

    [Fact]
    public void A_consumed_type_must_name_exactly_one_producer()
    {
        var options = Options();
        options.Producers["DossierTransferred.v1"] = ["svc-workflow", "svc-payments"];
        options.Producers["PaymentReceived.v1"] = [""];

        var unnamed = options.WithoutOneProducer(["DossierStatusChanged.v1", "DossierTransferred.v1", "PaymentReceived.v1", "DossierArchived.v1"]);

        Assert.Equal(["DossierTransferred.v1", "PaymentReceived.v1", "DossierArchived.v1"], unnamed);
    }
}
