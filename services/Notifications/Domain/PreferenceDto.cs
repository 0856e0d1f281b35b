using Microsoft.Extensions.Localization;
using PublicServices.Notifications.Data;
using PublicServices.Notifications.Resources;

namespace PublicServices.Notifications.Domain;

/// <summary>A person's choice: which channels (e-mail, SMS or both) and which language messages are written in.</summary>
public sealed record PreferenceDto(IReadOnlyList<string>? Channels, string? Language)
{
    public static PreferenceDto Of(Preference? stored) => stored is null
        ? new(Domain.Channels.Default, Domain.Channels.DefaultLanguage)
        : new(stored.Channels.Split(',', StringSplitOptions.RemoveEmptyEntries), stored.Language);

    /// <summary>Field errors in the request's language; none when the choice can be stored.</summary>
    public Dictionary<string, string[]> Errors(IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Channels is not { Count: > 0 })
            errors["channels"] = [text["Preferences.ChannelsRequired"]];
        else if (Channels.FirstOrDefault(c => !Domain.Channels.Personal.Contains(c, StringComparer.Ordinal)) is { } unknown)
            errors["channels"] = [text["Preferences.ChannelUnknown", unknown ?? "", string.Join(", ", Domain.Channels.Personal)]];
        else if (Channels.Distinct(StringComparer.Ordinal).Count() != Channels.Count)
            errors["channels"] = [text["Preferences.ChannelRepeated"]];
        if (!Domain.Channels.Languages.Contains(Language, StringComparer.Ordinal))
            errors["language"] = [text["Preferences.LanguageUnknown", string.Join(", ", Domain.Channels.Languages)]];
        return errors;
    }

    /// <summary>The stored form: channels in a fixed order, so equal choices are stored alike.</summary>
    public string StoredChannels => string.Join(',', Domain.Channels.Personal.Where(c => Channels!.Contains(c, StringComparer.Ordinal)));
}
