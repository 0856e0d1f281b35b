using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

public sealed class SubmissionTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    [Fact]
    public async Task The_service_runs_on_PostgreSQL_with_the_migrated_schema()
    {
        Assert.True(await host.Query(db => Task.FromResult(db.Database.IsNpgsql())));
        Assert.Contains(await host.Query(db => db.Database.GetAppliedMigrationsAsync()), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(await host.Query(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task Submitting_a_valid_dossier_issues_a_code_with_status_new_a_timeline_entry_and_one_outbox_event()
    {
        const string applicant = "citizen-submit-ok";
        using var client = host.Citizen(applicant);
        var document = host.Documents.Upload(applicant);
        var response = await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, document));
        var dossier = await response.Json(HttpStatusCode.Created);

        var id = Guid.Parse((string)dossier["id"]!);
        var code = (string)dossier["code"]!;
        var submittedAt = DateTimeOffset.Parse((string)dossier["submittedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(new Regex(@"^000\.20\.01\.H10-\d{6}-\d{4}$"), code);
        Assert.StartsWith($"{Procedures.WardAgency}-{DossierCode.VietnamDay(submittedAt):yyMMdd}-", code, StringComparison.Ordinal);
        Assert.Equal($"/api/dossiers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, (int)dossier["status"]!["code"]!);
        Assert.Equal("Mới", (string)dossier["status"]!["vi"]!);
        Assert.Equal("Đăng ký khai sinh", (string)dossier["procedureNameVi"]!);
        Assert.Equal(2, (int)dossier["procedureVersion"]!);
        Assert.Equal(3, (int)dossier["statutoryWorkingDays"]!);
        Assert.Equal("Nguyễn Minh An", (string)dossier["formData"]!["childName"]!);
        var timeline = Assert.Single(dossier["timeline"]!.AsArray());
        Assert.Equal(1, (int)timeline!["status"]!["code"]!);
        Assert.Equal(applicant, (string)timeline["actorId"]!);
        var attached = Assert.Single(dossier["documents"]!.AsArray());
        Assert.Equal(document, Guid.Parse((string)attached!["documentId"]!));
        Assert.Equal("GCS.pdf", (string)attached["fileName"]!);
        // The fees as the catalog listed them (a fee without a due moment is due at submission), and the result online.
        Assert.Equal((11_000, 5_000), ((long)dossier["fees"]!["atSubmission"]!, (long)dossier["fees"]!["beforeResult"]!));
        Assert.Equal("online", (string)dossier["delivery"]!["method"]!);

        // The documents service was told, with this dossier's id and code.
        Assert.Equal(id, host.Documents.Get(document).DossierId);
        Assert.Equal(code, host.Documents.Get(document).DossierCode);

        var stored = await host.Query(db => db.Dossiers.Include(d => d.Timeline).SingleAsync(d => d.Id == id));
        Assert.Equal(DossierStatus.New, stored.Status);
        Assert.Equal(applicant, stored.ApplicantId);
        Assert.Single(stored.Timeline);
        var events = await host.Query(db => db.Outbox.Where(o => o.Payload.Contains(id.ToString())).ToListAsync());
        var submitted = Assert.Single(events);
        Assert.Equal(DossierSubmittedV1.Type, submitted.Type);
        Assert.Null(submitted.DispatchedAt);
        Assert.Contains(code, submitted.Payload, StringComparison.Ordinal);
        var payload = System.Text.Json.Nodes.JsonNode.Parse(submitted.Payload)!;
        Assert.Equal((11_000, 5_000, "online"), ((long)payload["feeAtSubmission"]!, (long)payload["feeBeforeResult"]!, (string)payload["deliveryMethod"]!));
    }

    [Theory]
    [InlineData("post", null, "delivery.address")]
    [InlineData("post", "Ngắn", "delivery.address")]
    [InlineData("post", "Số 1\u0007 Phan Đình Phùng", "delivery.address")]
    [InlineData("pigeon", "Số 1 Phan Đình Phùng, Hà Tĩnh", "delivery.method")]
    public async Task A_delivery_choice_without_a_usable_address_or_method_is_a_field_error_and_stores_nothing(string method, string? address, string field)
    {
        const string applicant = "citizen-delivery-bad";
        using var client = host.Citizen(applicant);
        var response = await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, host.Documents.Upload(applicant))
            .WithDelivery(method, address is null ? null : System.Text.RegularExpressions.Regex.Unescape(address)));

        var problem = await response.Json(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0, await host.Query(db => db.Dossiers.CountAsync(d => d.ApplicantId == applicant)));
    }

    [Fact]
    public async Task A_result_by_post_keeps_its_address_on_the_dossier_and_in_the_event()
    {
        const string applicant = "citizen-delivery-post";
        using var client = host.Citizen(applicant);
        var response = await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, host.Documents.Upload(applicant))
            .WithDelivery("post", "  Số 1 Phan Đình Phùng, phường Thành Sen, Hà Tĩnh  "));

        var dossier = await response.Json(HttpStatusCode.Created);
        Assert.Equal(("post", "Số 1 Phan Đình Phùng, phường Thành Sen, Hà Tĩnh"),
            ((string?)dossier["delivery"]!["method"], (string?)dossier["delivery"]!["address"]));
        var id = (string)dossier["id"]!;
        var submitted = await host.Query(db => db.Outbox.SingleAsync(o => o.Payload.Contains(id)));
        Assert.Equal("Số 1 Phan Đình Phùng, phường Thành Sen, Hà Tĩnh", (string?)System.Text.Json.Nodes.JsonNode.Parse(submitted.Payload)!["deliveryAddress"]);
    }

    [Fact]
    public async Task An_invalid_form_gets_field_errors_in_Vietnamese_by_default()
    {
        const string applicant = "citizen-invalid-vi";
        using var client = host.Citizen(applicant);
        var before = await host.Query(db => db.Dossiers.CountAsync());
        var errors = await (await client.Submit(host.Submission(applicant)
            .Without("childName").With("birthDate", "2025-13-40").With("gender", "other").With("motherIdNumber", "123")
            .With("birthWeightGrams", 100).With("contactEmail", "không-phải-email"))).FieldErrors();

        Assert.Equal(["Họ, chữ đệm và tên của trẻ là thông tin bắt buộc."], errors["formData.childName"]);
        Assert.Equal(["Ngày sinh không phải là ngày (yyyy-mm-dd) hợp lệ."], errors["formData.birthDate"]);
        Assert.Equal(["Giới tính phải là một trong các giá trị cho phép."], errors["formData.gender"]);
        Assert.Equal(["Số định danh cá nhân của mẹ không đúng định dạng."], errors["formData.motherIdNumber"]);
        Assert.Equal(["Cân nặng khi sinh (gam) phải lớn hơn hoặc bằng 300."], errors["formData.birthWeightGrams"]);
        Assert.Equal(["Thư điện tử liên hệ không phải là địa chỉ email hợp lệ."], errors["formData.contactEmail"]);
        Assert.Equal(before, await host.Query(db => db.Dossiers.CountAsync()));
    }

    [Fact]
    public async Task An_invalid_form_gets_field_errors_in_English_when_asked()
    {
        const string applicant = "citizen-invalid-en";
        using var client = host.Citizen(applicant, language: "en");
        var response = await client.Submit(host.Submission(applicant).With("childName", "A").With("birthDate", "yesterday"));
        var errors = await response.FieldErrors();
        Assert.Equal(["Child's full name must be at least 2 characters long."], errors["formData.childName"]);
        Assert.Equal(["Date of birth is not a valid date (yyyy-mm-dd)."], errors["formData.birthDate"]);
    }

    [Fact]
    public async Task A_form_that_is_not_an_object_is_refused_before_anything_else()
    {
        using var client = host.Citizen("citizen-shape");
        var response = await client.PostAsync("/api/dossiers", new StringContent("""{"procedureCode":"","formData":[1,2]}""",
            System.Text.Encoding.UTF8, "application/json"));
        var errors = await response.FieldErrors();
        Assert.Contains("procedureCode", errors.Keys);
        Assert.Contains("formData", errors.Keys);
    }

    [Fact]
    public async Task Missing_a_mandatory_document_is_refused()
    {
        const string applicant = "citizen-no-document";
        using var client = host.Citizen(applicant);
        var marriage = host.Documents.Upload(applicant, Procedures.MarriageCertificate);
        var errors = await (await client.Submit(new SubmissionBuilder().WithDocument(Procedures.MarriageCertificate, marriage))).FieldErrors();
        Assert.Equal(["Chưa nộp giấy tờ bắt buộc: Giấy chứng sinh."], errors["documents[GCS]"]);
        Assert.Null(host.Documents.Get(marriage).DossierId);
    }

    [Fact]
    public async Task A_document_for_a_requirement_the_procedure_does_not_have_is_refused()
    {
        const string applicant = "citizen-wrong-requirement";
        using var client = host.Citizen(applicant, language: "en");
        var errors = await (await client.Submit(host.Submission(applicant).WithDocument("CCCD", host.Documents.Upload(applicant, "CCCD")))).FieldErrors();
        Assert.Equal(["The document type \"CCCD\" does not belong to this procedure."], errors["documents"]);
    }

    [Theory]
    [InlineData(Procedures.MarriageCertificate, Procedures.BirthRegistrationCode)]
    [InlineData(Procedures.BirthCertificate, "2.000001")]
    public async Task An_upload_made_for_another_requirement_or_procedure_is_refused_on_that_document(string uploadedFor, string procedure)
    {
        // Issue 12, hole 5: the documents service binds an upload to what it was uploaded (and size-checked) for.
        var applicant = "citizen-other-purpose-" + Guid.NewGuid().ToString("N")[..6];
        using var client = host.Citizen(applicant);
        var upload = host.Documents.Upload(applicant, uploadedFor, procedure);

        var errors = await (await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, upload))).FieldErrors();

        Assert.Equal(["Tệp này được tải lên cho thủ tục hoặc thành phần hồ sơ khác. Hãy tải lên lại tệp cho đúng mục này."],
            errors[$"documents[{Procedures.BirthCertificate}]"]);
        Assert.Null(host.Documents.Get(upload).DossierId);
    }

    [Fact]
    public async Task Another_applicants_document_cannot_be_attached()
    {
        using var client = host.Citizen("citizen-thief");
        var someoneElses = host.Documents.Upload("citizen-owner");
        var errors = await (await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, someoneElses))).FieldErrors();
        Assert.Contains("documents", errors.Keys);
        Assert.Null(host.Documents.Get(someoneElses).DossierId);
    }

    [Fact]
    public async Task An_expired_upload_is_refused_with_a_field_error()
    {
        const string applicant = "citizen-expired-upload";
        using var client = host.Citizen(applicant, language: "en");
        var document = host.Documents.Upload(applicant);
        host.Documents.Expire(document);
        var errors = await (await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, document))).FieldErrors();
        Assert.Equal(["An uploaded document has expired; please upload it again."], errors["documents"]);
        Assert.Equal(0, await host.Query(db => db.Dossiers.CountAsync(d => d.ApplicantId == applicant)));
    }

    [Fact]
    public async Task An_unknown_procedure_is_404()
    {
        const string applicant = "citizen-unknown-procedure";
        using var client = host.Citizen(applicant);
        var problem = await (await client.Submit(host.Submission(applicant).For("9.999999"))).Problem(HttpStatusCode.NotFound);
        Assert.Equal("Không tìm thấy thủ tục hành chính", (string)problem["title"]!);
    }

    [Fact]
    public async Task A_refusal_from_the_documents_service_leaves_no_dossier_no_event_and_no_idempotency_record()
    {
        const string applicant = "citizen-documents-conflict";
        using var client = host.Citizen(applicant);
        var document = host.Documents.Upload(applicant);
        await (await client.Submit(new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, document))).Json(HttpStatusCode.Created);
        var counts = await host.Query(async db => (await db.Dossiers.CountAsync(), await db.Outbox.CountAsync(), await db.IdempotencyRecords.CountAsync()));

        // The same upload again: the documents service answers 409, it belongs to the first dossier.
        var response = await client.Submit(new SubmissionBuilder().With("childName", "Nguyễn Minh Bình")
            .WithDocument(Procedures.BirthCertificate, document), idempotencyKey: "conflicting-attempt");
        await response.Problem(HttpStatusCode.Conflict);

        Assert.Equal(counts, await host.Query(async db => (await db.Dossiers.CountAsync(), await db.Outbox.CountAsync(), await db.IdempotencyRecords.CountAsync())));
        Assert.False(await host.Query(db => db.IdempotencyRecords.AnyAsync(r => r.Key == "conflicting-attempt")));
        Assert.Equal(1, await host.Query(db => db.Dossiers.CountAsync(d => d.ApplicantId == applicant)));
    }

    [Fact]
    public async Task The_catalog_is_asked_once_for_many_submissions_of_one_procedure()
    {
        const string applicant = "citizen-cache";
        await host.SubmitAsync(applicant);
        var before = host.Catalog.RequestsFor(Procedures.BirthRegistrationCode);
        for (var i = 0; i < 5; i++)
            await host.SubmitAsync(applicant);
        Assert.InRange(host.Catalog.RequestsFor(Procedures.BirthRegistrationCode) - before, 0, 1);
    }
}

public sealed class OpenApiTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    [Fact]
    public async Task The_openapi_document_describes_the_dossiers_routes_and_is_public()
    {
        using var response = await host.Client().GetAsync("/api/dossiers/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/dossiers", out _));
        Assert.True(paths.TryGetProperty("/api/dossiers/lookup/{code}", out _));
        Assert.True(paths.TryGetProperty("/api/dossiers/drafts", out _));
    }
}

public sealed class FailedSubmissionTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    [Fact]
    public async Task A_submission_that_fails_after_attaching_hands_the_uploads_back_so_they_can_be_submitted_again()
    {
        var applicant = "citizen-" + Guid.NewGuid().ToString("N");
        var submission = host.Submission(applicant);
        var document = submission.Documents().Single()!["documentId"]!.GetValue<Guid>();
        // The database refuses this applicant's dossier once the documents are already attached.
        var trigger = "refuse_" + Guid.NewGuid().ToString("N")[..8];
        // Names and values here are the test's own (no input), so composing the statement is safe.
        var create = $"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.applicant_id = '{applicant}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """;
        var drop = $"DROP TRIGGER {trigger} ON dossiers; DROP FUNCTION {trigger}();";
        await host.Query(db => db.Database.ExecuteSqlRawAsync(create));

        using var client = host.Citizen(applicant);
        using var failed = await client.PostAsJsonAsync("/api/dossiers", submission.Build());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Null(host.Documents.Get(document).DossierId);

        await host.Query(db => db.Database.ExecuteSqlRawAsync(drop));
        using var retried = await client.PostAsJsonAsync("/api/dossiers", submission.Build());
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.NotNull(host.Documents.Get(document).DossierId);
    }
}
