using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>
/// An officer's file for a dossier of their agency (POST /api/documents/officer-files): attached at once, read by every
/// officer of the agency, by nobody else; the dossiers service decides which dossiers are the officer's agency's.
/// </summary>
public sealed class OfficerFileTests(S3App app) : IClassFixture<S3App>
{
    static string NewOfficer() => "officer-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_officer_of_the_dossiers_agency_uploads_a_file_that_every_officer_of_the_agency_reads_and_nobody_else()
    {
        var dossier = app.Dossiers.File(TestCatalog.Agency, TestCatalog.Procedure);
        var officer = NewOfficer();
        using var desk = app.PortalOfficer(TestCatalog.Agency, officer);
        var bytes = TestFiles.Pdf(60_000);

        using var response = await desk.PostAsync(DocumentsApp.OfficerFileUrl(dossier), TestFiles.Form(bytes, "Phiếu kiểm soát.pdf"));
        var document = await response.DocumentAsync(HttpStatusCode.Created);

        Assert.Equal((officer, dossier, TestCatalog.Procedure, "", "application/pdf"),
            (document.OwnerId, document.DossierId, document.ProcedureCode, document.RequirementCode, document.ContentType));
        Assert.Null(document.ExpiresAt);
        Assert.Equal(TestFiles.Sha256(bytes), document.Sha256);
        var row = await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id));
        Assert.Equal((TestCatalog.Agency, app.Dossiers.CodeOf(dossier)), (row.AgencyCode, row.DossierCode));

        using var specialist = app.Officer(TestCatalog.Agency, "specialist");
        Assert.Equal(document, await (await specialist.GetDocumentAsync(document.Id)).DocumentAsync());
        using var content = await specialist.GetContentAsync(document.Id);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());

        using var citizen = app.Citizen(DocumentsApp.NewCitizen());
        using var otherAgency = app.Officer(TestCatalog.OtherAgency, "specialist");
        foreach (var stranger in new[] { citizen, otherAgency })
        {
            await (await stranger.GetDocumentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
            await (await stranger.GetContentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_citizen_is_refused_with_403_and_an_officer_of_another_agency_with_404_and_nothing_is_stored()
    {
        var dossier = app.Dossiers.File(TestCatalog.Agency, TestCatalog.Procedure);
        var keysBefore = await app.ObjectKeysAsync();
        var citizen = DocumentsApp.NewCitizen();
        var stranger = NewOfficer();
        using var citizenClient = app.Citizen(citizen);
        using var otherAgency = app.PortalOfficer(TestCatalog.OtherAgency, stranger);

        using var refused = await citizenClient.PostAsync(DocumentsApp.OfficerFileUrl(dossier), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
        using var notFound = await otherAgency.PostAsync(DocumentsApp.OfficerFileUrl(dossier), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Không tìm thấy hồ sơ", (string?)(await notFound.Problem(HttpStatusCode.NotFound))["title"]);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == citizen || d.OwnerId == stranger)));
    }

    [Fact]
    public async Task Another_type_is_415_and_a_file_over_the_configured_limit_is_413_leaving_nothing()
    {
        var dossier = app.Dossiers.File(TestCatalog.Agency, TestCatalog.Procedure);
        var officer = NewOfficer();
        using var desk = app.PortalOfficer(TestCatalog.Agency, officer);
        var atLimit = await (await desk.PostAsync(DocumentsApp.OfficerFileUrl(dossier),
            TestFiles.Form(TestFiles.Png((int)TestCatalog.SmallLimit), "anh.png"))).DocumentAsync(HttpStatusCode.Created);
        var keysBefore = await app.ObjectKeysAsync();

        using var exe = await desk.PostAsync(DocumentsApp.OfficerFileUrl(dossier), TestFiles.Form(TestFiles.WindowsExe(5000), "bien-ban.pdf"));
        using var large = await desk.PostAsync(DocumentsApp.OfficerFileUrl(dossier),
            TestFiles.Form(TestFiles.Pdf((int)TestCatalog.SmallLimit + 1), "qua-lon.pdf"));

        Assert.Equal("Chỉ chấp nhận tệp PDF, JPEG, PNG.", (await exe.Problem(HttpStatusCode.UnsupportedMediaType)).FileError());
        Assert.Contains("256 KB", (await large.Problem(HttpStatusCode.RequestEntityTooLarge)).FileError(), StringComparison.Ordinal);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal([atLimit.Id], await app.WithDbAsync(db => db.Documents.Where(d => d.OwnerId == officer).Select(d => d.Id).ToListAsync()));
    }

    [Theory]
    [InlineData("vi", "Chưa chọn hồ sơ (mã hồ sơ không hợp lệ).")]
    [InlineData("en", "The dossier is missing (not a valid dossier id).")]
    public async Task A_missing_dossier_is_a_field_error_in_the_requests_language(string language, string message)
    {
        using var desk = app.PortalOfficer(TestCatalog.Agency, NewOfficer());
        desk.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        foreach (var url in new[] { "/api/documents/officer-files", "/api/documents/officer-files?dossier=abc" })
        {
            using var response = await desk.PostAsync(url, TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
            Assert.Equal([message], (await response.FieldErrors())["dossier"]);
        }
    }

    [Fact]
    public async Task A_token_the_dossiers_service_refuses_is_403_and_its_outage_503()
    {
        var dossier = app.Dossiers.File(TestCatalog.Agency, TestCatalog.Procedure);
        using var documentsOnly = app.Officer(TestCatalog.Agency, "one_stop_desk");
        using var desk = app.PortalOfficer(TestCatalog.Agency, NewOfficer());

        using var refused = await documentsOnly.PostAsync(DocumentsApp.OfficerFileUrl(dossier), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
        await refused.Problem(HttpStatusCode.Forbidden);
        app.Dossiers.Down = true;
        try
        {
            using var unavailable = await desk.PostAsync(DocumentsApp.OfficerFileUrl(dossier), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
            await unavailable.Problem(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            app.Dossiers.Down = false;
        }
    }
}
