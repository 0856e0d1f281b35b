namespace PublicServices.Payments.Resources;

/// <summary>The payments service's texts for people: Messages.resx (Vietnamese) and Messages.en.resx (English).</summary>
public sealed class Messages;
