namespace PublicServices.WorkflowEngine.Resources;

/// <summary>The engine's texts for people (validation problems): Messages.resx (Vietnamese) and Messages.en.resx (English).</summary>
public sealed class Messages;
