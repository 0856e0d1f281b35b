using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using PublicServices.ServiceDefaults;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.StandIns;

/// <summary>
/// The documents service's POST /api/documents/attachments: it validates the caller's service token like the real
/// one, accepts only the svc-dossiers client, refuses unknown ids (404), other owners' documents (403), documents
/// attached to another dossier (409), expired uploads (422) and uploads made for another procedure or requirement than
/// the dossier files them under (422, reason otherPurpose), and is idempotent for the same dossier.
/// </summary>
public sealed class DocumentsStandIn : StandInHost
{
    public sealed record Document(Guid Id, string OwnerId, string ProcedureCode, string RequirementCode, string FileName,
        string ContentType, long Size, string Sha256, DateTime CreatedAt, DateTime? ExpiresAt, Guid? DossierId, string? DossierCode);

    public sealed record AttachRequest(Guid DossierId, string DossierCode, string OwnerId, string AgencyCode, List<Guid> DocumentIds,
        string? ProcedureCode, Dictionary<Guid, string>? Requirements);

    public sealed record ReleaseRequest(Guid DossierId, string OwnerId);

    readonly Dictionary<Guid, Document> documents = [];
    readonly Lock gate = new();

    /// <summary>An upload, as if the applicant had sent a file for the requirement.</summary>
    public Guid Upload(string ownerId, string requirementCode = Procedures.BirthCertificate, string procedureCode = Procedures.BirthRegistrationCode)
    {
        var id = Guid.NewGuid();
        lock (gate)
            documents[id] = new Document(id, ownerId, procedureCode, requirementCode, $"{requirementCode}.pdf", "application/pdf",
                12_345, Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant(), DateTime.UtcNow, DateTime.UtcNow.AddDays(1), null, null);
        return id;
    }

    public Document Get(Guid id) { lock (gate) return documents[id]; }

    /// <summary>Lets an unattached upload run past its expiry, as the real service's sweep would find it.</summary>
    public void Expire(Guid id) { lock (gate) documents[id] = documents[id] with { ExpiresAt = DateTime.UtcNow.AddMinutes(-1) }; }

    public static async Task<DocumentsStandIn> StartAsync(TestTokenIssuer tokens)
    {
        var standIn = new DocumentsStandIn();
        var builder = NewBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = tokens.Authority,
            ["Auth:Audience"] = "documents",
        });
        builder.AddTokenValidation();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/api/documents/attachments", (AttachRequest request, ClaimsPrincipal caller) =>
            caller.FindFirst(Claims.ClientId)?.Value != "svc-dossiers" ? Results.Problem(statusCode: 403) : standIn.Attach(request))
            .RequireAuthorization(Policies.Service);
        app.MapPost("/api/documents/attachments/release", (ReleaseRequest request, ClaimsPrincipal caller) =>
            caller.FindFirst(Claims.ClientId)?.Value != "svc-dossiers" ? Results.Problem(statusCode: 403) : standIn.Release(request))
            .RequireAuthorization(Policies.Service);
        await standIn.StartAsync(app);
        return standIn;
    }

    IResult Release(ReleaseRequest request)
    {
        lock (gate)
            foreach (var d in documents.Values.Where(d => d.DossierId == request.DossierId && d.OwnerId == request.OwnerId).ToList())
                documents[d.Id] = d with { DossierId = null, DossierCode = null, ExpiresAt = DateTime.UtcNow.AddDays(1) };
        return Results.NoContent();
    }

    IResult Attach(AttachRequest request)
    {
        lock (gate)
        {
            var otherPurpose = request.DocumentIds.Where(id => documents.TryGetValue(id, out var d) && d.OwnerId == request.OwnerId
                && (d.ProcedureCode != request.ProcedureCode || d.RequirementCode != request.Requirements?.GetValueOrDefault(id))).ToList();
            if (otherPurpose.Count > 0)
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Giấy tờ được tải lên cho mục khác",
                    extensions: new Dictionary<string, object?> { ["reason"] = "otherPurpose", ["documentIds"] = otherPurpose });
            foreach (var id in request.DocumentIds)
            {
                if (!documents.TryGetValue(id, out var d))
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy giấy tờ");
                if (d.OwnerId != request.OwnerId)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không phải giấy tờ của bạn");
                if (d.DossierId is { } other && other != request.DossierId)
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Giấy tờ đã thuộc hồ sơ khác");
                if (d.DossierId is null && d.ExpiresAt < DateTime.UtcNow)
                    return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Giấy tờ đã hết hạn");
            }
            var attached = request.DocumentIds.Select(id => documents[id] = documents[id] with
            {
                // Like the real service, the code of the latest attach is kept.
                DossierId = request.DossierId, DossierCode = request.DossierCode, ExpiresAt = null,
            }).ToList();
            return Results.Ok(attached);
        }
    }
}
