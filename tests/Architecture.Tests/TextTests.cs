using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PublicServices.Architecture.Tests;

/// <summary>Texts for people live in resource files, Vietnamese and English side by side, so a translator needs no C#.</summary>
public partial class TextTests
{
    static readonly string[] ProductionFolders = ["services", "gateway", "infra", "workflows"];

    static IEnumerable<string> Files(string pattern) => ProductionFolders
        .SelectMany(f => Directory.GetFiles(Path.Combine(Projects.Root, f), pattern, SearchOption.AllDirectories))
        .Where(f => !Regex.IsMatch(f, @"[/\\](bin|obj|node_modules)[/\\]"));

    static string Relative(string path) => Path.GetRelativePath(Projects.Root, path);

    public static TheoryData<string> ResourceFiles =>
        [.. Files("*.resx").Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).Select(Relative)];

    [Fact]
    public void Every_project_with_texts_has_its_resource_files()
    {
        Assert.NotEmpty(ResourceFiles);
    }

    [Theory, MemberData(nameof(ResourceFiles))]
    public void Every_text_is_in_Vietnamese_and_English_with_the_same_arguments(string vietnamese)
    {
        var vi = Entries(Path.Combine(Projects.Root, vietnamese));
        var en = Entries(Path.Combine(Projects.Root, vietnamese[..^".resx".Length] + ".en.resx"));

        Assert.Equal(vi.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in vi)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{key} has no Vietnamese text");
            Assert.False(string.IsNullOrWhiteSpace(en[key]), $"{key} has no English text");
            Assert.True(Placeholders(text).SetEquals(Placeholders(en[key])), $"{key}: the two texts take different arguments");
        }
    }

    static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A string literal holding a Vietnamese letter: text for people written in C#.</summary>
    [GeneratedRegex("\"(?:[^\"\\\\\\n]|\\\\.)*[À-ỹĐđ](?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex VietnameseLiteral();

    [Fact]
    public void No_text_for_people_is_written_in_CSharp()
    {
        // Seed data (demo agencies, procedures, officers) and migrations are data, not texts of the product.
        var offending = Files("*.cs")
            .Where(f => !Regex.IsMatch(f, @"[/\\](Migrations|Seed)[/\\]"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && VietnameseLiteral().IsMatch(x.line))
            .Select(x => $"{Relative(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public void No_text_for_people_is_written_in_a_page_template()
    {
        // A Vietnamese letter anywhere in a .cshtml file (outside @* comments *@) is text that belongs in a resource.
        var offending = Files("*.cshtml")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("@*", StringComparison.Ordinal) && VietnameseLetter().IsMatch(x.line))
            .Select(x => $"{Relative(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.NotEmpty(Files("*.cshtml"));
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [GeneratedRegex("[À-ỹĐđ]")]
    private static partial Regex VietnameseLetter();
}
