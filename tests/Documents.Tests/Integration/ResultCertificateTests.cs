using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain.Results;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>
/// In Demo, an agency without a configured certificate gets one development certificate, stored in the database, that
/// every replica signs with.
/// </summary>
public sealed class DevelopmentCertificateTests(ResultsApp app) : IClassFixture<ResultsApp>
{
    [Fact]
    public async Task Two_replicas_issuing_for_a_new_agency_at_once_sign_with_the_same_stored_development_certificate()
    {
        var agency = "000.77." + Random.Shared.Next(10, 99) + ".H10";
        app.Catalog.PublishAgency(agency, "Ủy ban nhân dân xã thử nghiệm", "Test commune");
        await using var replica = app.StartReplica();
        var replicas = new WebApplicationFactory<DocumentsDb>[] { app.Factory, replica, app.Factory, replica };
        var dossiers = replicas.Select(_ => Guid.NewGuid()).ToArray();

        await Task.WhenAll(replicas.Select(async (factory, i) =>
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", app.Tokens.Service(DocumentsApp.Audience, "svc-workflow"));
            using var response = await client.PostAsJsonAsync("/api/documents/events", ResultRequests.Requested(dossiers[i], DocumentsApp.NewCitizen(), agency));
            Assert.Equal("issued", (string?)(await response.Json(HttpStatusCode.OK))["outcome"]);
        }));

        var thumbprints = await app.WithDbAsync(db => db.Results.Where(r => dossiers.Contains(r.DossierId)).Select(r => r.CertificateThumbprint).ToListAsync());
        Assert.Equal(4, thumbprints.Count);
        Assert.Single(thumbprints.Distinct());
        var stored = await app.WithDbAsync(db => db.SigningCertificates.Where(c => c.AgencyCode == agency).ToListAsync());
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(Assert.Single(stored).Pfx, null);
        Assert.Equal(thumbprints[0], ResultSignature.Thumbprint(certificate));
        Assert.Contains("Ủy ban nhân dân xã thử nghiệm", certificate.Subject, StringComparison.Ordinal);
        Assert.True(certificate.NotAfter > DateTime.UtcNow.AddYears(4));
    }
}

/// <summary>Outside Demo only a configured certificate signs: an agency without one waits (503, nothing kept).</summary>
public sealed class ConfiguredCertificateTests(ProductionResultsApp app) : IClassFixture<ProductionResultsApp>
{
    [Fact]
    public async Task An_agency_without_a_configured_certificate_is_503_naming_the_setting_and_a_configured_one_signs_with_its_certificate()
    {
        var waiting = Guid.NewGuid();
        var signed = Guid.NewGuid();
        app.Catalog.PublishAgency(ProductionResultsApp.ConfiguredAgency, "Sở Tư pháp có chứng thư", "Configured department");

        using var refused = await app.PostEventAsync(ResultRequests.Requested(waiting, DocumentsApp.NewCitizen()));
        using var issued = await app.PostEventAsync(ResultRequests.Requested(signed, DocumentsApp.NewCitizen(), ProductionResultsApp.ConfiguredAgency));

        var problem = await refused.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal($"Documents:Results:Certificates:{TestCatalog.Agency}", (string?)problem["detail"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync(r => r.DossierId == waiting)));
        Assert.Equal(0, await app.WithDbAsync(db => db.SigningCertificates.CountAsync()));
        Assert.Equal("issued", (string?)(await issued.Json(HttpStatusCode.OK))["outcome"]);
        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.DossierId == signed));
        Assert.Equal(app.Thumbprint(), row.CertificateThumbprint);
        Assert.True(ResultSignature.Verifies(await app.ObjectBytesAsync(row.StorageKey), row.Signature, row.CertificateThumbprint));
    }
}
