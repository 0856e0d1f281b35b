using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace PublicServices.Bench;

public enum Verdict { Pass, FallShort, NotRun }

/// <summary>One line of the summary: a figure, what it was held against, and whether it made it.</summary>
public sealed record ReportRow(string Part, string Figure, string Value, string Target, string Ratio, Verdict Verdict);

/// <summary>The summary table and the notes that explain it, printed at the end and written to results/latest.md.</summary>
/// <param name="title">The report's heading.</param>
/// <param name="failWord">What a row that missed its target is called ("FALL SHORT" for figures, "FAIL" for checks).</param>
/// <param name="notesIntro">The sentence before the notes.</param>
/// <param name="sharedBy">What shared the cores during the run, for the report's head.</param>
public sealed class Report(string title = "PublicServices benchmark", string failWord = "FALL SHORT",
    string notesIntro = "Notes (\"cores used\" is CPU time per second of wall time; \"other processes\" is what the rest of the "
        + "machine took meanwhile: when it is high, the figures of that run say little):",
    string sharedBy = "the load generator, the services, PostgreSQL and s3rver")
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

    /// <summary>Prints the report and writes it to <paramref name="file"/>.</summary>
    public async Task PublishAsync(string? label, string file)
    {
        var text = Render(label);
        Console.WriteLine();
        Console.WriteLine(text);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, text);
        Console.WriteLine($"written to {file}");
    }

    /// <summary>
    /// The rows as a test run (TRX, as `dotnet test --logger trx` writes it): one test per row, so build/test.sh counts
    /// them with the test projects' results.
    /// </summary>
    public void WriteTrx(string path, string name)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var passed = rows.Count(r => r.Verdict == Verdict.Pass);
        var results = rows.Select(r => new XElement(ns + "UnitTestResult",
            new XAttribute("testName", $"{name}.{r.Part}: {r.Figure}"),
            new XAttribute("outcome", r.Verdict switch { Verdict.Pass => "Passed", Verdict.FallShort => "Failed", _ => "NotExecuted" }),
            new XElement(ns + "Output", new XElement(ns + "StdOut", $"{r.Value} (target {r.Target})"))));
        var trx = new XElement(ns + "TestRun", new XAttribute("name", name),
            new XElement(ns + "Results", results),
            new XElement(ns + "ResultSummary", new XAttribute("outcome", AllPassed ? "Completed" : "Failed"),
                new XElement(ns + "Counters", new XAttribute("total", rows.Count), new XAttribute("executed", rows.Count(r => r.Verdict != Verdict.NotRun)),
                    new XAttribute("passed", passed), new XAttribute("failed", rows.Count(r => r.Verdict == Verdict.FallShort)),
                    new XAttribute("notExecuted", rows.Count(r => r.Verdict == Verdict.NotRun)))));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        new XDocument(trx).Save(path);
    }

    public string Render(string? label)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{label ?? DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)}; {Environment.ProcessorCount} cores shared by {sharedBy}; PostgreSQL mode.");
        sb.AppendLine();
        sb.AppendLine("| part | figure | measured | target | ratio | result |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var verdict = r.Verdict switch { Verdict.Pass => "PASS", Verdict.FallShort => failWord, _ => "NOT RUN" };
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Part} | {r.Figure} | {r.Value} | {r.Target} | {r.Ratio} | {verdict} |");
        }
        sb.AppendLine().AppendLine(notesIntro).AppendLine();
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
