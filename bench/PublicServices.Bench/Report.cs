using System.Globalization;
using System.Text;

namespace PublicServices.Bench;

public enum Verdict { Pass, FallShort, NotRun }

/// <summary>One line of the summary: a figure, what it was held against, and whether it made it.</summary>
public sealed record ReportRow(string Part, string Figure, string Value, string Target, string Ratio, Verdict Verdict);

/// <summary>The summary table and the notes that explain it, printed at the end and written to results/latest.md.</summary>
public sealed class Report
{
    readonly List<ReportRow> rows = [];
    readonly List<string> notes = [];

    public void Add(string part, string figure, string value, string target, string ratio, bool pass) =>
        rows.Add(new ReportRow(part, figure, value, target, ratio, pass ? Verdict.Pass : Verdict.FallShort));

    public void NotRun(string part, string figure, string why) =>
        rows.Add(new ReportRow(part, figure, why, "—", "—", Verdict.NotRun));

    /// <summary>A line of context (CPU use, throughput of the references, errors); printed at once and kept for the report.</summary>
    public void Note(string part, string text)
    {
        notes.Add($"[{part}] {text}");
        Console.WriteLine($"  [{part}] {text}");
    }

    public bool AllPassed => rows.All(r => r.Verdict == Verdict.Pass);

    public string Render(string? label)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# PublicServices benchmark").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{label ?? DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)}; {Environment.ProcessorCount} cores shared by the load generator, the services, PostgreSQL and s3rver; PostgreSQL mode.");
        sb.AppendLine();
        sb.AppendLine("| part | figure | measured | target | ratio | result |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var verdict = r.Verdict switch { Verdict.Pass => "PASS", Verdict.FallShort => "FALL SHORT", _ => "NOT RUN" };
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Part} | {r.Figure} | {r.Value} | {r.Target} | {r.Ratio} | {verdict} |");
        }
        sb.AppendLine().AppendLine("Notes (\"cores used\" is CPU time per second of wall time; \"other processes\" is what the rest of the "
            + "machine took meanwhile: when it is high, the figures of that run say little):").AppendLine();
        foreach (var n in notes)
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        return sb.ToString();
    }
}

static class Format
{
    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
    public static string Mb(long bytes) => F(bytes / 1e6, "0.0") + " MB";
}
