using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Events;
using PublicServices.Workflow.Apis;
using PublicServices.Workflow.Domain;
using PublicServices.Workflow.Events;
using PublicServices.Workflow.Resources;
using PublicServices.WorkflowEngine.Definitions;
using EngineTexts = PublicServices.WorkflowEngine.Resources.Messages;
using OneStopTexts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.Workflow.Tests.Unit;

public sealed class RulesTests
{
    static readonly IStringLocalizer<Messages> Text = Localizers.For<Messages>();

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
        // The engine's problems and a module's, each worded from its own resources.
        var problems = new[]
        {
            new ValidationProblem("review", typeof(OneStopTexts), "HumanTask.NoRole"),
            new ValidationProblem("review", typeof(EngineTexts), "Port.OutcomeNotConnected", "ok", "review"),
            new ValidationProblem(null, typeof(EngineTexts), "Definition.StartCount", 0),
        };
        var localizers = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

        using (Localizers.Culture("vi"))
        {
            var vi = problems.AsErrors(localizers);
            Assert.Equal(["Công việc phải chỉ rõ vai trò xử lý (role).", "Kết quả xử lý 'ok' của công việc 'review' chưa được nối tới bước nào."], vi["review"]);
            Assert.Equal(["Quy trình phải có đúng một điểm bắt đầu (Elsa.Start), hiện có 0."], vi["definition"]);
        }
        using (Localizers.Culture("en"))
            Assert.Equal(["The human task must name a role.", "Outcome 'ok' of human task 'review' is not connected."], problems.AsErrors(localizers)["review"]);
    }

    [Fact]
    public void Payment_events_must_name_the_dossier_and_a_positive_amount_in_VND()
    {
        var good = new PaymentReceivedV1(Guid.NewGuid(), Guid.NewGuid(), 50_000, "VND", "vnpay", "14000001", DateTimeOffset.UtcNow);
        Assert.Empty(EventRules.Check(good, Text));
        var bad = good with { DossierId = Guid.Empty, Amount = 0, Currency = "USD" };
        Assert.Equal(["payload.amount", "payload.currency", "payload.dossierId"], EventRules.Check(bad, Text).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Submissions_must_name_the_dossier_its_code_its_procedure_and_carry_its_agency_and_statutory_limit()
    {
        var bad = new DossierSubmittedV1(Guid.Empty, null, " ", 1, null, null, null, null, null, null);
        Assert.Equal(["payload.agencyCode", "payload.code", "payload.dossierId", "payload.procedureCode", "payload.statutoryWorkingDays"],
            EventRules.Check(bad, Text).Keys.Order(StringComparer.Ordinal));
        var good = bad with { DossierId = Guid.NewGuid(), Code = "c", ProcedureCode = "1.001193", AgencyCode = "000.20.01.H10", StatutoryWorkingDays = 0 };
        Assert.Empty(EventRules.Check(good, Text));
        Assert.Equal(["payload.statutoryWorkingDays"], EventRules.Check(good with { StatutoryWorkingDays = -1 }, Text).Keys);
        using (Localizers.Culture("en"))
            Assert.Equal(["The agency code is required."], EventRules.Check(good with { AgencyCode = " " }, Text)["payload.agencyCode"]);
    }
}
