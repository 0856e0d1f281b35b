using System.Globalization;
using System.Text;

namespace PublicServices.Bench.Workflow;

/// <summary>The summary table and the notes behind it, printed at the end and written to results/workflow.md.</summary>
public sealed class Report
{
    readonly List<(string Part, string Figure, string Value, string Target, string Ratio, string Verdict)> rows = [];
    readonly List<string> notes = [];

    public void Add(string part, string figure, string value, string target, double ratio, bool pass) =>
        rows.Add((part, figure, value, target, Format.F(ratio, "0.00"), pass ? "PASS" : "FALL SHORT"));

    public void NotRun(string part, string figure, string why) => rows.Add((part, figure, why, "—", "—", "NOT RUN"));

    /// <summary>A line of context, printed at once and kept for the report.</summary>
    public void Note(string part, string text)
    {
        notes.Add($"[{part}] {text}");
        Console.WriteLine($"  [{part}] {text}");
    }

    public string Render(string? label, WorkflowBenchOptions o)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Workflow benchmark: the runtime on PostgreSQL vs WorkflowCore 3.22 in memory").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{label ?? DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)}; {Environment.ProcessorCount} cores shared by the driver, "
            + $"both engines (one process) and PostgreSQL{(o.Quick ? "; QUICK smoke run: the figures say little" : "")}.");
        sb.AppendLine();
        sb.AppendLine("| part | figure | measured | target | ratio | result |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Part} | {r.Figure} | {r.Value} | {r.Target} | {r.Ratio} | {r.Verdict} |");
        sb.AppendLine().AppendLine("Notes (\"cores used\" is CPU time per second of wall time; \"other processes\" is what the rest of the "
            + "machine took meanwhile: when it is high, that measurement says little):").AppendLine();
        foreach (var n in notes)
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        return sb.ToString();
    }
}
