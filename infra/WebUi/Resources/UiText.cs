namespace PublicServices.WebUi.Resources;

/// <summary>The texts of the shared layout and partials (UiText.resx Vietnamese, UiText.en.resx English).</summary>
public sealed class UiText;
