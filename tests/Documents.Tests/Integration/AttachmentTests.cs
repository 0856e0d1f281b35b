using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

public sealed class AttachmentTests(S3App app) : IClassFixture<S3App>
{
    async Task<(string Owner, DocumentDto Document)> UploadedAsync(string requirement = TestCatalog.Any)
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        return (owner, await app.UploadAsync(client, TestFiles.Pdf(3000), requirement: requirement));
    }

    [Fact]
    public async Task Attaching_with_a_citizen_or_officer_token_is_forbidden()
    {
        var (owner, document) = await UploadedAsync();
        var body = new { dossierId = Guid.NewGuid(), dossierCode = "X-1", ownerId = owner, agencyCode = TestCatalog.Agency, documentIds = new[] { document.Id } };

        using var citizen = app.Citizen(owner);
        using var officer = app.Officer(TestCatalog.Agency, "leader");
        using var serviceWithoutScope = app.Client(app.Tokens.Token(DocumentsApp.Audience,
            [new("sub", "svc-x"), new("role", "service"), new("scope", "catalog")]));

        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync("/api/documents/attachments", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/documents/attachments", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await serviceWithoutScope.PostAsJsonAsync("/api/documents/attachments", body)).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);
    }

    [Fact]
    public async Task Only_the_dossiers_service_may_attach_or_release_even_another_service_with_the_documents_scope_may_not()
    {
        var (owner, document) = await UploadedAsync();
        var dossier = Guid.NewGuid();
        var attach = new
        {
            dossierId = dossier, dossierCode = "X-1", ownerId = owner, agencyCode = TestCatalog.Agency, documentIds = new[] { document.Id },
            procedureCode = TestCatalog.Procedure, requirements = new Dictionary<Guid, string> { [document.Id] = TestCatalog.Any },
        };
        using var workflow = app.Client(app.Tokens.Service(DocumentsApp.Audience, "svc-workflow"));

        await (await workflow.PostAsJsonAsync("/api/documents/attachments", attach)).Problem(HttpStatusCode.Forbidden);
        Assert.Null((await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);

        using var dossiers = app.Service();
        Assert.Equal(HttpStatusCode.OK, (await dossiers.PostAsJsonAsync("/api/documents/attachments", attach)).StatusCode);
        await (await workflow.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = dossier, ownerId = owner }))
            .Problem(HttpStatusCode.Forbidden);
        Assert.Equal(dossier, (await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);
        Assert.Equal(HttpStatusCode.NoContent,
            (await dossiers.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = dossier, ownerId = owner })).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);
    }

    [Fact]
    public async Task Releasing_a_dossier_that_was_never_stored_frees_its_uploads_for_another_submission()
    {
        var (owner, document) = await UploadedAsync();
        var lost = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await app.AttachAsync(lost, owner, TestCatalog.Agency, document.Id)).StatusCode);

        using var service = app.Service();
        using var released = await service.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = lost, ownerId = owner });
        using var again = await service.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = lost, ownerId = owner });

        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var row = await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id));
        Assert.Null(row.DossierId);
        Assert.NotNull(row.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, (await app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, document.Id)).StatusCode);
    }

    [Fact]
    public async Task Releasing_never_frees_a_dossiers_documents_attached_longer_ago_than_a_failed_submission_takes()
    {
        var (owner, document) = await UploadedAsync();
        var dossier = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await app.AttachAsync(dossier, owner, TestCatalog.Agency, document.Id)).StatusCode);
        // A stored dossier's documents: attached well before the release window (10 minutes by default).
        var attachedAt = DateTime.UtcNow.AddMinutes(-11);
        await app.WithDbAsync(db => db.Documents.Where(d => d.Id == document.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.AttachedAt, attachedAt)));

        using var service = app.Service();
        using var released = await service.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = dossier, ownerId = owner });

        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        var row = await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id));
        Assert.Equal((dossier, (DateTime?)null), (row.DossierId!.Value, row.ExpiresAt));
        // Attaching again to the same dossier (a retry) does not make it releasable again.
        Assert.Equal(HttpStatusCode.OK, (await app.AttachAsync(dossier, owner, TestCatalog.Agency, document.Id)).StatusCode);
        Assert.Equal(attachedAt, (await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).AttachedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Releasing_needs_the_service_role_and_touches_only_the_named_owners_documents()
    {
        var (owner, document) = await UploadedAsync();
        var dossier = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await app.AttachAsync(dossier, owner, TestCatalog.Agency, document.Id)).StatusCode);

        using var citizen = app.Citizen(owner);
        using var byCitizen = await citizen.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = dossier, ownerId = owner });
        using var service = app.Service();
        using var otherOwner = await service.PostAsJsonAsync("/api/documents/attachments/release", new { dossierId = dossier, ownerId = "someone-else" });

        Assert.Equal(HttpStatusCode.Forbidden, byCitizen.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, otherOwner.StatusCode);
        Assert.Equal(dossier, (await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);
    }

    [Fact]
    public async Task Attaching_twice_to_the_same_dossier_is_idempotent_and_returns_what_the_dossier_checks()
    {
        var (owner, pdf) = await UploadedAsync(TestCatalog.PdfOnly);
        using var citizen = app.Citizen(owner);
        var png = await app.UploadAsync(citizen, TestFiles.Png(2000), "anh.png", TestCatalog.Images);
        var dossier = Guid.NewGuid();

        var first = await (await app.AttachAsync(dossier, owner, TestCatalog.Agency, pdf.Id, png.Id)).DocumentsAsync();
        var second = await (await app.AttachAsync(dossier, owner, TestCatalog.Agency, pdf.Id, png.Id)).DocumentsAsync();

        Assert.Equal(first, second);
        Assert.Equal([(pdf.Id, TestCatalog.PdfOnly, "application/pdf"), (png.Id, TestCatalog.Images, "image/png")],
            first.Select(d => (d.Id, d.RequirementCode, d.ContentType)));
        Assert.All(first, d => { Assert.Equal(dossier, d.DossierId); Assert.Null(d.ExpiresAt); });
        var rows = await app.WithDbAsync(db => db.Documents.Where(d => d.DossierId == dossier).ToListAsync());
        Assert.All(rows, r => Assert.Equal(TestCatalog.Agency, r.AgencyCode));
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Attaching_to_a_second_dossier_conflicts_and_leaves_the_first_attachment()
    {
        var (owner, document) = await UploadedAsync();
        var first = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await app.AttachAsync(first, owner, TestCatalog.Agency, document.Id)).StatusCode);

        using var response = await app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, document.Id);

        var problem = await response.Problem(HttpStatusCode.Conflict);
        Assert.Equal(document.Id, (Guid)problem["documentIds"]![0]!);
        Assert.Equal(first, (await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);
    }

    [Fact]
    public async Task Two_dossiers_racing_for_one_document_get_one_success_and_one_conflict()
    {
        var (owner, document) = await UploadedAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, document.Id)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task Attaching_another_applicants_document_is_forbidden_and_nothing_is_attached()
    {
        var (owner, mine) = await UploadedAsync();
        var (_, theirs) = await UploadedAsync();
        var dossier = Guid.NewGuid();

        using var response = await app.AttachAsync(dossier, owner, TestCatalog.Agency, mine.Id, theirs.Id);

        var problem = await response.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(theirs.Id, (Guid)problem["documentIds"]![0]!);
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.DossierId == dossier)));
    }

    [Fact]
    public async Task Attaching_a_missing_document_answers_404_and_is_all_or_nothing()
    {
        var (owner, document) = await UploadedAsync();
        var dossier = Guid.NewGuid();

        using var response = await app.AttachAsync(dossier, owner, TestCatalog.Agency, document.Id, Guid.NewGuid());

        await response.Problem(HttpStatusCode.NotFound);
        var row = await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id));
        Assert.Null(row.DossierId);
        Assert.NotNull(row.ExpiresAt);
    }

    [Fact]
    public async Task Attaching_an_expired_upload_answers_422()
    {
        var (owner, document) = await UploadedAsync();
        await app.WithDbAsync(db => db.Documents.Where(d => d.Id == document.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        using var response = await app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, document.Id);

        await response.Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_incomplete_attach_request_names_each_missing_field()
    {
        using var service = app.Service();
        using var response = await service.PostAsJsonAsync("/api/documents/attachments", new { dossierId = Guid.Empty, documentIds = Array.Empty<Guid>() });

        var errors = await response.FieldErrors();
        Assert.All(new[] { "dossierId", "dossierCode", "ownerId", "agencyCode", "documentIds", "procedureCode" },
            field => Assert.True(errors.ContainsKey(field), field));
    }

    [Theory]
    [InlineData(TestCatalog.Procedure, TestCatalog.Any)]
    [InlineData("9.999999", TestCatalog.PdfOnly)]
    public async Task An_upload_filed_under_another_requirement_or_procedure_is_refused_with_422_and_nothing_is_attached(string procedure, string claimedFor)
    {
        // Issue 12, hole 5: a PDF uploaded for one requirement (and checked against its limits) cannot answer another.
        var (owner, pdf) = await UploadedAsync(TestCatalog.PdfOnly);
        using var citizen = app.Citizen(owner);
        var png = await app.UploadAsync(citizen, TestFiles.Png(2000), "anh.png", TestCatalog.Images);
        var dossier = Guid.NewGuid();

        using var response = await app.AttachAsync(dossier, owner, TestCatalog.Agency, procedure,
            new() { [pdf.Id] = claimedFor, [png.Id] = TestCatalog.Images });

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("otherPurpose", (string?)problem["reason"]);
        Assert.Equal("Giấy tờ được tải lên cho thủ tục hoặc thành phần hồ sơ khác", (string?)problem["title"]);
        var refused = problem["documentIds"]!.AsArray().Select(id => (Guid)id!).ToList();
        Assert.Contains(pdf.Id, refused);
        Assert.Equal(procedure == TestCatalog.Procedure ? 1 : 2, refused.Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner && d.DossierId != null)));
    }

    [Fact]
    public async Task An_attach_without_the_requirement_of_every_document_is_refused_with_400()
    {
        var (owner, document) = await UploadedAsync();
        using var service = app.Service();
        using var response = await service.PostAsJsonAsync("/api/documents/attachments", new
        {
            dossierId = Guid.NewGuid(), dossierCode = "X-1", ownerId = owner, agencyCode = TestCatalog.Agency,
            documentIds = new[] { document.Id }, procedureCode = TestCatalog.Procedure,
        });
        Assert.Contains("requirements", (await response.FieldErrors()).Keys);
        Assert.Null((await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id))).DossierId);
    }
}
