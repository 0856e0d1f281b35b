namespace PublicServices.PaymentSandbox.Resources;

/// <summary>The sandbox's texts (Messages.resx Vietnamese, Messages.en.resx English), read through <c>IStringLocalizer&lt;Messages&gt;</c>.</summary>
public sealed class Messages;
