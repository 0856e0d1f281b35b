using System.Security.Claims;
using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Attachments;
using PublicServices.Documents.Domain.Uploads;

namespace PublicServices.Documents.Tests.Unit;

public sealed class AccessAndAttachmentRulesTests
{
    static readonly DateTime Now = new(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc);

    static Document Doc(Guid? dossier = null, string? agency = null, DateTime? expires = null, DocumentStatus status = DocumentStatus.Stored) => new()
    {
        Id = Guid.NewGuid(), OwnerId = "alice", ProcedureCode = "1.001193", RequirementCode = "to-khai", FileName = "a.pdf",
        ContentType = "application/pdf", StorageKey = "k", Status = status, DossierId = dossier, AgencyCode = agency,
        ExpiresAt = dossier is null ? expires ?? Now.AddHours(1) : null,
    };

    static ClaimsPrincipal User(string sub, string? agency = null, params string[] roles) => new(new ClaimsIdentity(
        [new Claim("sub", sub), .. agency is null ? [] : new[] { new Claim("agency", agency) }, .. roles.Select(r => new Claim("role", r))],
        "test", "name", "role"));

    [Fact]
    public void The_owner_reads_and_other_citizens_do_not()
    {
        var document = Doc();
        Assert.True(DocumentAccess.CanRead(User("alice", null, "citizen"), document));
        Assert.False(DocumentAccess.CanRead(User("bob", null, "citizen"), document));
    }

    [Theory]
    [InlineData("one_stop_desk", "000.00.12.H10", true)]
    [InlineData("specialist", "000.00.12.H10", true)]
    [InlineData("leader", "000.00.12.H10", true)]
    [InlineData("one_stop_desk", "000.20.01.H10", false)]
    [InlineData("admin", "000.00.12.H10", false)]
    [InlineData("citizen", "000.00.12.H10", false)]
    public void Only_officers_of_the_dossier_agency_read_an_attached_document(string role, string agency, bool allowed) =>
        Assert.Equal(allowed, DocumentAccess.CanRead(User("officer", agency, role), Doc(Guid.NewGuid(), "000.00.12.H10")));

    [Fact]
    public void Officers_do_not_read_unattached_documents() =>
        Assert.False(DocumentAccess.CanRead(User("officer", "000.00.12.H10", "specialist"), Doc(agency: "000.00.12.H10")));

    [Theory]
    [InlineData("one_stop_desk", "000.00.12.H10", true)]
    [InlineData("leader", "000.00.12.H10", true)]
    [InlineData("specialist", "000.20.01.H10", false)]
    [InlineData("admin", "000.00.12.H10", false)]
    [InlineData("citizen", "000.00.12.H10", false)]
    public void Only_officers_of_the_dossiers_agency_add_files_to_it(string role, string agency, bool allowed) =>
        Assert.Equal(allowed, OfficerFiles.MayAddTo(User("officer", agency, role), new DossierHeader(Guid.NewGuid(), "X", "1.001193", "000.00.12.H10")));

    [Fact]
    public void Attaching_is_refused_for_the_right_reason()
    {
        var dossier = Guid.NewGuid();
        Assert.Equal(AttachRefusal.None, AttachmentRules.Check(Doc(), "alice", dossier, Now));
        Assert.Equal(AttachRefusal.None, AttachmentRules.Check(Doc(dossier, "A"), "alice", dossier, Now));
        Assert.Equal(AttachRefusal.Missing, AttachmentRules.Check(null, "alice", dossier, Now));
        Assert.Equal(AttachRefusal.Missing, AttachmentRules.Check(Doc(status: DocumentStatus.Pending), "alice", dossier, Now));
        Assert.Equal(AttachRefusal.Missing, AttachmentRules.Check(Doc(status: DocumentStatus.Deleting), "alice", dossier, Now));
        Assert.Equal(AttachRefusal.NotOwner, AttachmentRules.Check(Doc(), "bob", dossier, Now));
        Assert.Equal(AttachRefusal.OtherDossier, AttachmentRules.Check(Doc(Guid.NewGuid(), "A"), "alice", dossier, Now));
        Assert.Equal(AttachRefusal.Expired, AttachmentRules.Check(Doc(expires: Now), "alice", dossier, Now));
    }
}
