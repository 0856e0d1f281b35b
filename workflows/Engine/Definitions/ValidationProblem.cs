using Microsoft.Extensions.Localization;

namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>
/// One reason a definition cannot be published: a text <paramref name="Key"/> in the resources marked by
/// <paramref name="Resources"/> (the engine's, or a module's for its activities), with its arguments. The host puts it
/// into the request's language with <see cref="Message"/>.
/// </summary>
/// <param name="ActivityId">The activity concerned, or null for the definition as a whole.</param>
public sealed record ValidationProblem(string? ActivityId, Type Resources, string Key, params object[] Arguments)
{
    /// <summary>The message in the current UI language.</summary>
    public string Message(IStringLocalizerFactory localizers) => localizers.Create(Resources)[Key, Arguments].Value;

    /// <summary>Key and arguments, for logs and exceptions.</summary>
    public override string ToString() => $"[{ActivityId}] {Key}({string.Join(", ", Arguments)})";
}
