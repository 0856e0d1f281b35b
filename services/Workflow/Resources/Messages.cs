namespace PublicServices.Workflow.Resources;

/// <summary>The workflow service's texts for people: Messages.resx (Vietnamese) and Messages.en.resx (English).</summary>
public sealed class Messages;
