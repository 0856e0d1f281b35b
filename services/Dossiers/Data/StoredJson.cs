using System.Text.Encodings.Web;
using System.Text.Json;

namespace PublicServices.Dossiers.Data;

/// <summary>
/// How JSON is written into text columns: web naming, compact, Vietnamese letters kept as they are (the text is
/// only ever returned as JSON, never placed into HTML, so the relaxed escaping is safe and halves the size).
/// </summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string text) => JsonSerializer.Deserialize<T>(text, Options)!;

    /// <summary>A JSON value from its text, independent of any pooled buffer.</summary>
    public static JsonElement Element(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
