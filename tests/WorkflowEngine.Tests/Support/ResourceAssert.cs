using System.Collections;
using System.Globalization;
using System.Resources;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>Assertions on a project's texts for people (<c>Resources/Messages.resx</c> and <c>Messages.en.resx</c>).</summary>
public static class ResourceAssert
{
    /// <summary>Every text of <paramref name="marker"/>'s resources has a Vietnamese (neutral) and an English wording.</summary>
    public static void EveryTextInVietnameseAndEnglish(Type marker)
    {
        var resources = new ResourceManager(marker);
        static List<string> Keys(ResourceSet? set) =>
            [.. (set ?? throw new InvalidOperationException("no resources")).Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal)];
        var vietnamese = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, true, false));

        Assert.NotEmpty(vietnamese);
        Assert.Equal(vietnamese, Keys(resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), true, false)));
    }
}
