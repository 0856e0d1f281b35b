using PublicServices.Contracts.Catalog;
using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Domain.Submission;
using PublicServices.Dossiers.Resources;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Unit;

public sealed class RequiredDocumentsRuleTests
{
    static readonly CatalogRequirement[] requirements =
    [
        new("GCS", "Giấy chứng sinh", "Birth certificate", true, null, 0),
        new("GCNKH", "Giấy chứng nhận kết hôn", "Marriage certificate", false, null, 0),
    ];

    static Dictionary<string, List<string>> Check(params DocumentRef[] documents)
    {
        using var _ = Localizers.Culture("vi");
        return RequiredDocumentsRule.Check(requirements, documents, Localizers.For<Messages>());
    }

    [Fact]
    public void Every_mandatory_requirement_met_and_optional_ones_left_out_is_fine() =>
        Assert.Empty(Check(new DocumentRef("GCS", Guid.NewGuid())));

    [Fact]
    public void A_missing_mandatory_document_is_keyed_by_its_requirement() =>
        Assert.Equal(["Chưa nộp giấy tờ bắt buộc: Giấy chứng sinh."], Check(new DocumentRef("GCNKH", Guid.NewGuid()))["documents[GCS]"]);

    [Fact]
    public void A_document_for_a_requirement_of_another_procedure_is_refused() =>
        Assert.Contains("Giấy tờ \"CCCD\" không thuộc thủ tục này.",
            Check(new DocumentRef("GCS", Guid.NewGuid()), new DocumentRef("CCCD", Guid.NewGuid()))["documents"]);

    [Fact]
    public void The_same_document_listed_twice_is_refused()
    {
        var id = Guid.NewGuid();
        Assert.Contains("Một giấy tờ được khai nhiều lần.", Check(new DocumentRef("GCS", id), new DocumentRef("GCNKH", id))["documents"]);
    }
}
