using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Expressions;

/// <summary>
/// Evaluates Elsa 3 input expressions: Literal, JavaScript (Jint) and Variable. Scripts are parsed once and the
/// parsed form is shared; each evaluation gets its own engine (an engine is not thread-safe, costs a few
/// microseconds, and a fresh one means no script can leave globals behind for another instance).
/// </summary>
public sealed class ExpressionEvaluator
{
    const int MaxCachedScripts = 10_000;

    readonly ConcurrentDictionary<string, Prepared<Script>> scripts = new();
    readonly WorkflowRuntimeOptions options;

    /// <summary>Creates the evaluator with the runtime's script limits.</summary>
    public ExpressionEvaluator(IOptions<WorkflowRuntimeOptions> options) => this.options = options.Value;

    /// <summary>Evaluates an input expression; the result is a fresh node the caller may keep.</summary>
    /// <exception cref="ExpressionException">The expression fails or its type is unknown.</exception>
    public JsonNode? Evaluate(InputExpression expression, IExpressionScope scope) => expression.Type switch
    {
        InputExpression.Literal => expression.Value?.DeepClone(),
        InputExpression.JavaScript => Run(ValueConvert.ToText(expression.Value) ?? "", scope),
        InputExpression.Variable => scope.GetVariable(VariableName(expression.Value))?.DeepClone(),
        _ => throw new ExpressionException($"Expression type '{expression.Type}' is not supported (Literal, JavaScript, Variable)."),
    };

    /// <summary>The syntax error of a script, or null when it parses.</summary>
    public static string? SyntaxError(string script)
    {
        try
        {
            Engine.PrepareScript(script);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>The variable a Variable expression refers to: a name, or <c>{"id"}</c>/<c>{"name"}</c>.</summary>
    public static string VariableName(JsonNode? value) => value switch
    {
        JsonObject o => ValueConvert.ToText(o["name"]) ?? ValueConvert.ToText(o["id"]) ?? "",
        _ => ValueConvert.ToText(value) ?? "",
    };

    JsonNode? Run(string code, IExpressionScope scope)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        try
        {
            var script = Prepare(code);
            var engine = new Engine(o => o
                .TimeoutInterval(options.ScriptTimeout)
                .MaxStatements(options.ScriptMaxStatements)
                .LimitRecursion(options.ScriptRecursionLimit)
                .LimitMemory(options.ScriptMemoryLimitBytes));
            // ClrFunction, not a delegate: no reflection over the delegate's signature on every evaluation.
            engine.SetValue("getVariable", new ClrFunction(engine, "getVariable",
                (_, args) => JsInterop.ToJs(engine, scope.GetVariable(Arg(args, 0).ToString()))));
            engine.SetValue("setVariable", new ClrFunction(engine, "setVariable", (_, args) =>
            {
                scope.SetVariable(Arg(args, 0).ToString(), JsInterop.ToNode(engine, Arg(args, 1)));
                return JsValue.Undefined;
            }));
            foreach (var global in scope.GlobalNames)
                if (code.Contains(global, StringComparison.Ordinal))
                    engine.SetValue(global, JsInterop.ToJs(engine, scope.GetGlobal(global)));

            // `variables.x = 1` must persist like setVariable: expose a copy, then write back what changed.
            JsValue? variables = null;
            if (code.Contains("variables", StringComparison.Ordinal))
            {
                var copy = new JsonObject();
                foreach (var name in scope.VariableNames) copy[name] = scope.GetVariable(name)?.DeepClone();
                variables = JsInterop.ToJs(engine, copy);
                engine.SetValue("variables", variables);
            }

            var result = JsInterop.ToNode(engine, engine.Evaluate(script));
            if (variables is not null && JsInterop.ToNode(engine, variables) is JsonObject after)
                foreach (var (name, value) in after)
                    if (!JsonNode.DeepEquals(value, scope.GetVariable(name)))
                        scope.SetVariable(name, value?.DeepClone());
            return result;
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ExpressionException($"JavaScript failed: {e.Message} (script: {Shorten(code)})", e);
        }
    }

    static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    Prepared<Script> Prepare(string code)
    {
        if (scripts.TryGetValue(code, out var prepared)) return prepared;
        if (scripts.Count >= MaxCachedScripts) scripts.Clear();
        return scripts.GetOrAdd(code, c => Engine.PrepareScript(c));
    }

    static string Shorten(string code) => code.Length <= 200 ? code : code[..200] + "…";
}
