using PublicServices.WorkflowEngine.Definitions;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>Flowcharts several engine tests run.</summary>
public static class Flows
{
    /// <summary>
    /// A review with the shape of the one-stop process, on test activities: the desk accepts (marks 2 and 4, then the
    /// specialist's appraisal and the leader's decision: approve marks 9 and 10, reject 8) or refuses (mark 3). The
    /// desk's task is due after <c>input.deadline</c> (4 hours when the input has none).
    /// </summary>
    public static WorkflowDefinition Review(string id = "review") => new FlowBuilder(id).Start()
        .Activity("receive", TestTask.TypeName, ("role", Lit("one_stop_desk", "String")), ("outcomes", Lit("[\"accept\",\"refuse\"]", "String[]")),
            ("deadline", Js("input.deadline || '04:00:00'", "TimeSpan")))
        .Mark("received", 2).Mark("processing", 4).Task("appraise", "specialist", ["propose_approve"]).Task("approve", "leader", ["approve", "reject"])
        .Mark("processed", 9).Mark("returned", 10).Mark("refused", 3).Mark("rejected", 8).End()
        .Connect("start", "receive").Connect("receive", "received", "accept").Connect("receive", "refused", "refuse").Chain("refused", "end")
        .Chain("received", "processing", "appraise").Connect("appraise", "approve", "propose_approve")
        .Connect("approve", "processed", "approve").Chain("processed", "returned", "end")
        .Connect("approve", "rejected", "reject").Chain("rejected", "end")
        .Build();
}
