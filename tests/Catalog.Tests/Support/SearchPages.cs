using System.Text.Json.Nodes;

namespace PublicServices.Catalog.Tests.Support;

public static class SearchPages
{
    /// <summary>The procedure codes of a search page, in the order listed.</summary>
    public static string[] Codes(this JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToArray();
}
