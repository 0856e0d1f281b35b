using System.Globalization;
using PublicServices.Workflow.Apis;
using PublicServices.Workflow.Definitions;
using PublicServices.Workflow.Events;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Validation;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow.Tests.Unit;

public sealed class RulesTests
{
    [Fact]
    public void A_dossier_always_maps_to_the_same_instance_id_and_two_dossiers_never_share_one()
    {
        var dossier = Guid.NewGuid();
        Assert.Equal(IncomingEvents.StartIdFor(dossier), IncomingEvents.StartIdFor(new Guid(dossier.ToString())));
        Assert.NotEqual(dossier, IncomingEvents.StartIdFor(dossier));
        var ids = Enumerable.Range(0, 10_000).Select(_ => IncomingEvents.StartIdFor(Guid.NewGuid())).ToHashSet();
        Assert.Equal(10_000, ids.Count);
        Assert.Equal(8, IncomingEvents.StartIdFor(dossier).Version);
    }

    [Theory]
    [InlineData("one-stop-standard", true)]
    [InlineData("Elsa_3.Export-1", true)]
    [InlineData("6f1c0c8e4a1b4d2f9a3e5b7c9d1e2f30", true)]
    [InlineData("", false)]
    [InlineData("-leading-hyphen", false)]
    [InlineData("has space", false)]
    [InlineData("slash/inside", false)]
    [InlineData("quá-trình", false)]
    public void Definition_ids_are_url_safe_words(string id, bool valid) => Assert.Equal(valid, DefinitionBody.IsValidId(id));

    [Fact]
    public void A_definition_id_of_101_characters_is_too_long() => Assert.False(DefinitionBody.IsValidId(new string('a', 101)));

    [Fact]
    public void Definition_problems_become_field_errors_keyed_by_activity_in_the_callers_language()
    {
        var problems = new[]
        {
            new ValidationProblem("review", "Thiếu vai trò.", "The role is missing."),
            new ValidationProblem("review", "Thiếu kết quả.", "The outcomes are missing."),
            new ValidationProblem(null, "Thiếu điểm bắt đầu.", "There is no start."),
        };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("vi");
            var vi = problems.AsErrors();
            Assert.Equal(["Thiếu vai trò.", "Thiếu kết quả."], vi["review"]);
            Assert.Equal(["Thiếu điểm bắt đầu."], vi["definition"]);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal(["The role is missing.", "The outcomes are missing."], problems.AsErrors()["review"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Payment_events_must_name_the_dossier_and_a_positive_amount_in_VND()
    {
        var good = new PaymentReceivedV1(Guid.NewGuid(), Guid.NewGuid(), 50_000, "VND", "vnpay", "14000001", DateTimeOffset.UtcNow);
        Assert.Empty(EventRules.Check(good));
        var bad = good with { DossierId = Guid.Empty, Amount = 0, Currency = "USD" };
        Assert.Equal(["payload.amount", "payload.currency", "payload.dossierId"], EventRules.Check(bad).Keys.Order());
    }

    [Fact]
    public void Submissions_must_name_the_dossier_its_code_and_its_procedure()
    {
        var bad = new DossierSubmittedV1(Guid.Empty, null, " ", 1, null, null, null, null);
        Assert.Equal(["payload.code", "payload.dossierId", "payload.procedureCode"], EventRules.Check(bad).Keys.Order());
        Assert.Empty(EventRules.Check(bad with { DossierId = Guid.NewGuid(), Code = "c", ProcedureCode = "1.001193" }));
    }
}
