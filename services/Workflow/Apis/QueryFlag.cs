using Microsoft.Extensions.Localization;
using PublicServices.Workflow.Resources;

namespace PublicServices.Workflow.Apis;

/// <summary>A true/false query value, with a field error instead of the framework's bare 400.</summary>
static class QueryFlag
{
    public static bool? Parse(string? value, string field, Dictionary<string, string[]> errors, IStringLocalizer<Messages> text)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (bool.TryParse(value, out var flag))
            return flag;
        errors[field] = [text["Query.Flag"]];
        return null;
    }
}
