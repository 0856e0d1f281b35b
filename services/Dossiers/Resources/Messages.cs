namespace PublicServices.Dossiers.Resources;

/// <summary>The dossiers service's texts for people: Messages.resx (Vietnamese) and Messages.en.resx (English).</summary>
public sealed class Messages;
