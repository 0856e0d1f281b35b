using System.Globalization;
using System.Resources;

namespace PublicServices.OneStop.Resources;

/// <summary>
/// The one-stop module's texts for people: Messages.resx (Vietnamese) and Messages.en.resx (English). Validation
/// problems and refusals are read in the request's language; the notes a step writes into the dossier's record are
/// read in Vietnamese (<see cref="Record"/>), the language the record is kept in.
/// </summary>
public sealed class Messages
{
    static readonly ResourceManager Resources = new(typeof(Messages));
    static readonly CultureInfo RecordCulture = CultureInfo.GetCultureInfo("vi");

    /// <summary>A text for the dossier's record (timeline notes, the system's name), in Vietnamese.</summary>
    public static string Record(string key, params object[] arguments) =>
        string.Format(RecordCulture, Resources.GetString(key, RecordCulture) ?? key, arguments);
}
