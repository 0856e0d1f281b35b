using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace PublicServices.WorkflowEngine.Expressions;

/// <summary>Moves values between System.Text.Json nodes and Jint values (through JSON for objects and arrays).</summary>
internal static class JsInterop
{
    const double MaxSafeInteger = 9007199254740991;

    public static JsValue ToJs(Engine engine, JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => JsValue.Null,
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        JsonValueKind.String => new JsString(node.GetValue<string>()),
        JsonValueKind.Number => new JsNumber(double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture)),
        _ => new JsonParser(engine).Parse(node.ToJsonString()),
    };

    public static JsonNode? ToNode(Engine engine, JsValue value)
    {
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsNumber())
        {
            var d = value.AsNumber();
            if (!double.IsFinite(d)) return null;
            return Math.Abs(d) <= MaxSafeInteger && d == Math.Floor(d) ? JsonValue.Create((long)d) : JsonValue.Create(d);
        }
        var text = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return text.IsString() ? JsonNode.Parse(text.AsString()) : null;
    }
}
