using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Events;
using PublicServices.Documents.Domain.Results;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Support;

/// <summary>PostgreSQL + S3, Demo environment, the outbox kept (no dispatcher): tests count the events it holds.</summary>
public sealed class ResultsApp : DocumentsApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Messaging:DispatcherEnabled", "false")];
}

/// <summary>The embedded mode: SQLite + local folder, Demo, the outbox kept.</summary>
public sealed class SqliteResultsApp : DocumentsApp
{
    protected override string StorageProvider => "Local";
    protected override bool Postgres => false;
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Messaging:DispatcherEnabled", "false")];
}

/// <summary>
/// PostgreSQL + S3 in the Production environment: real secrets, and a signing certificate configured for
/// <see cref="ConfiguredAgency"/> only (no development certificate for any other agency).
/// </summary>
public sealed class ProductionResultsApp : DocumentsApp
{
    public const string ConfiguredAgency = "000.30.01.H10";
    const string Password = "pfx-password-for-tests";
    public byte[] Pfx { get; } = AgencyCertificatesPfx();

    protected override string Environment => "Production";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Messaging:DispatcherEnabled", "false"),
        new("Documents:LinkSigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))),
        new("Auth:ClientSecret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))),
        new($"Documents:Results:Certificates:{ConfiguredAgency}:Pfx", Convert.ToBase64String(Pfx)),
        new($"Documents:Results:Certificates:{ConfiguredAgency}:Password", Password),
    ];

    /// <summary>The configured certificate's SHA-256 thumbprint, as results record it.</summary>
    public string Thumbprint()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12(Pfx, Password);
        return ResultSignature.Thumbprint(certificate);
    }

    static byte[] AgencyCertificatesPfx()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Configured agency, O=Test CA, C=VN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12, Password);
    }
}

/// <summary>ResultRequested.v1 as the workflow posts it, and the results API's requests.</summary>
public static class ResultRequests
{
    public const string Note = "Cấp phiếu lý lịch tư pháp số 1234/LLTP cho công dân.";

    public static JsonObject Requested(Guid dossierId, string applicant, string agency = TestCatalog.Agency, string delivery = "online",
        string? address = null, Guid? eventId = null) => new()
    {
        ["id"] = (eventId ?? Guid.NewGuid()).ToString(),
        ["type"] = ResultRequestedV1.Type,
        ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O"),
        ["payload"] = new JsonObject
        {
            ["dossierId"] = dossierId.ToString(), ["code"] = CodeOf(dossierId), ["procedureCode"] = TestCatalog.Procedure, ["agencyCode"] = agency,
            ["applicantId"] = applicant, ["decision"] = "approved", ["note"] = Note, ["documentIds"] = new JsonArray(),
            ["deliveryMethod"] = delivery, ["deliveryAddress"] = address, ["decidedAt"] = DateTimeOffset.UtcNow.ToString("O"),
        },
    };

    public static string CodeOf(Guid dossierId) => $"{TestCatalog.Agency}-261205-{dossierId.ToString("N")[..4].ToUpperInvariant()}";

    /// <summary>Posts the event to the events endpoint as <paramref name="producer"/> would.</summary>
    public static async Task<HttpResponseMessage> PostEventAsync(this DocumentsApp app, JsonObject envelope, string producer = "svc-workflow")
    {
        using var client = app.Client(app.Tokens.Service(DocumentsApp.Audience, producer));
        return await client.PostAsJsonAsync("/api/documents/events", envelope);
    }

    public static Task<int> OutboxCountAsync(this DocumentsApp app, string type, Guid dossierId) =>
        app.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == type && o.Payload.Contains(dossierId.ToString())));
}

public static class ResultIssuing
{
    /// <summary>Requests a result for a new dossier and returns its id (asserting the event was handled with "issued").</summary>
    public static async Task<(Guid Dossier, Guid Result)> IssueAsync(this DocumentsApp app, string applicant, string delivery = "online",
        string? address = null)
    {
        var dossier = Guid.NewGuid();
        using var response = await app.PostEventAsync(ResultRequests.Requested(dossier, applicant, delivery: delivery, address: address));
        var body = await response.Json(System.Net.HttpStatusCode.OK);
        Assert.Equal("issued", (string?)body["outcome"]);
        return (dossier, Guid.Parse((string)body["resultId"]!));
    }
}
