using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Domain.Supplements;
using PublicServices.Dossiers.Events;
using PublicServices.Dossiers.Resources;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

public class StatusChangeRulesTests
{
    static readonly IStringLocalizer<Messages> Text = Localizers.For<Messages>();

    static DossierStatusChangedV1 Change(int status, string? reason = null, SupplementAsked? supplement = null) =>
        new(Guid.NewGuid(), status, DateTimeOffset.UtcNow, "desk@000.20.01.H10", null, null, reason, null, supplement);

    [Fact]
    public void A_plain_status_change_is_valid() => Assert.Empty(StatusChangeRules.Check(Change(4), Text));

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Refusals_and_supplement_requests_must_state_a_reason(int status)
    {
        Assert.Contains("payload.reason", StatusChangeRules.Check(Change(status), Text).Keys);
        Assert.Empty(StatusChangeRules.Check(Change(status, reason: "Thiếu chữ ký"), Text));
    }

    [Fact]
    public void The_supplement_reason_counts_as_the_reason()
    {
        var change = Change(5, supplement: new SupplementAsked("Ảnh mờ", ["GCS"]));
        Assert.Empty(StatusChangeRules.Check(change, Text));
        Assert.Equal("Ảnh mờ", StatusChangeRules.ReasonOf(change));
    }

    [Fact]
    public void Unknown_status_missing_actor_and_time_are_reported_together()
    {
        var change = new DossierStatusChangedV1(Guid.Empty, 0, default, " ", null, null, null, null, null);
        Assert.Equal(["payload.actorId", "payload.at", "payload.dossierId", "payload.status"], StatusChangeRules.Check(change, Text).Keys.Order());
    }
}

public class SupplementRulesTests
{
    static readonly IStringLocalizer<Messages> Text = Localizers.For<Messages>();

    static SupplementRequest Asking(params string[] documents) =>
        new(Guid.NewGuid(), "Bổ sung", documents, DateTimeOffset.UtcNow, "specialist", "Chuyên viên");

    static SubmitSupplementRequest With(string? note, params string[] codes) =>
        new([.. codes.Select(c => (DocumentRef?)new DocumentRef(c, Guid.NewGuid()))], note);

    [Fact]
    public void Every_requested_document_and_nothing_else_is_accepted()
    {
        Assert.Empty(SupplementRules.Check(Asking("GCS", "GCNKH"), With(null, "GCS", "GCNKH", "GCS"), 10, Text));
        Assert.Equal(["documents[GCNKH]"], SupplementRules.Check(Asking("GCS", "GCNKH"), With(null, "GCS"), 10, Text).Keys);
        Assert.Equal(["documents"], SupplementRules.Check(Asking("GCS"), With(null, "GCS", "OTHER"), 10, Text).Keys);
    }

    [Fact]
    public void A_request_for_an_explanation_needs_a_note_or_a_document()
    {
        Assert.Equal(["note"], SupplementRules.Check(Asking(), With("  "), 10, Text).Keys);
        Assert.Empty(SupplementRules.Check(Asking(), With("Giải trình"), 10, Text));
        Assert.Empty(SupplementRules.Check(Asking(), With(null, "ANY"), 10, Text));
    }

    [Fact]
    public void Malformed_entries_duplicates_and_oversized_answers_are_refused()
    {
        var id = Guid.NewGuid();
        Assert.Equal(["documents[0]"], SupplementRules.Check(Asking(), new([new DocumentRef("", id)], null), 10, Text).Keys);
        Assert.Equal(["documents"], SupplementRules.Check(Asking("GCS"), new([new DocumentRef("GCS", id), new DocumentRef("GCS", id)], null), 10, Text).Keys);
        Assert.Equal(["documents"], SupplementRules.Check(Asking("GCS"), With(null, "GCS", "GCS"), 1, Text).Keys);
        Assert.Contains("note", SupplementRules.Check(Asking("GCS"), With(new string('x', 2001), "GCS"), 10, Text).Keys);
    }
}
