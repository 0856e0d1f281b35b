using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;
using Texts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.OneStop.Tests.Definitions;

/// <summary>The inputs of the one-stop activities, checked when a definition is validated.</summary>
public class OneStopValidatorTests
{
    static IReadOnlyList<ValidationProblem> Validate(FlowBuilder flow) => OneStopModule.Validator().Validate(flow.Build());

    [Fact]
    public void A_human_task_needs_a_role_and_outcomes_and_every_outcome_connected()
    {
        var problems = Validate(new FlowBuilder("tasks").Start()
            .Activity("noRole", "PublicServices.HumanTask", ("outcomes", Lit("[\"ok\"]", "String[]")))
            .Activity("noOutcomes", "PublicServices.HumanTask", ("role", Lit("leader", "String")))
            .HumanTask("twice", "leader", ["ok", "ok"])
            .HumanTask("loose", "specialist", ["ok", "forgotten"], budget: -1).End()
            .Connect("start", "noRole").Connect("noRole", "noOutcomes", "ok").Connect("noOutcomes", "twice").Connect("twice", "loose", "ok")
            .Connect("loose", "end", "ok"));
        ProblemAssert.Has(problems, "noRole", "HumanTask.NoRole", "must name a role");
        ProblemAssert.Has(problems, "noOutcomes", "HumanTask.NoOutcomes", "at least one outcome");
        ProblemAssert.Has(problems, "twice", "HumanTask.DuplicateOutcomes", "unique");
        ProblemAssert.Has(problems, "loose", "HumanTask.BadBudget", "budgetWorkingDays");
        ProblemAssert.Has(problems, "loose", "Port.OutcomeNotConnected", "Outcome 'forgotten' of human task 'loose' is not connected");
        Assert.Equal(typeof(Texts), problems.Single(p => p.Key == "HumanTask.NoRole").Resources);
    }

    [Fact]
    public void Domain_inputs_are_checked()
    {
        var problems = Validate(new FlowBuilder("inputs").Start().Status("bad", 11).Activity("none", "PublicServices.SetDossierStatus")
            .Activity("pay", "PublicServices.RequestPayment", ("amount", Lit("0", "Decimal")))
            .Activity("move", "PublicServices.TransferAgency").Activity("tell", "PublicServices.Notify").End()
            .Chain("start", "bad", "none", "pay").Connect("pay", "move", "Paid").Chain("move", "tell", "end"));
        ProblemAssert.Has(problems, "bad", "Status.OutOfRange", "between 1 and 10");
        ProblemAssert.Has(problems, "none", "Status.Missing", "missing");
        ProblemAssert.Has(problems, "pay", "Payment.NoAmount", "amount above 0");
        ProblemAssert.Has(problems, "move", "Transfer.NoAgency", "receiving agency");
        ProblemAssert.Has(problems, "tell", "Notify.NoTemplate", "template");
    }

    [Fact]
    public void Every_one_stop_text_has_a_Vietnamese_and_an_English_wording()
    {
        ResourceAssert.EveryTextInVietnameseAndEnglish(typeof(Texts));
    }
}
