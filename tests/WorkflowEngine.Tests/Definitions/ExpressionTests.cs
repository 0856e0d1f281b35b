using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Expressions;

namespace PublicServices.WorkflowEngine.Tests.Definitions;

public class ExpressionTests
{
    readonly ExpressionEvaluator evaluator = new(Options.Create(new WorkflowRuntimeOptions { ScriptTimeout = TimeSpan.FromMilliseconds(500), ScriptMaxStatements = 10_000 }));
    readonly Scope scope = new();

    JsonNode? Js(string script) => evaluator.Evaluate(new InputExpression(InputExpression.JavaScript, script, null), scope);

    [Fact]
    public void Literals_are_returned_as_written_and_variables_are_read_by_name()
    {
        scope.Variables["amount"] = 1500;
        Assert.Equal("00:05:00", (string?)evaluator.Evaluate(new InputExpression(InputExpression.Literal, "00:05:00", "TimeSpan"), scope));
        Assert.Equal(1500, (int)evaluator.Evaluate(new InputExpression(InputExpression.Variable, "amount", null), scope)!);
        Assert.Equal(1500, (int)evaluator.Evaluate(new InputExpression(InputExpression.Variable, new JsonObject { ["name"] = "amount" }, null), scope)!);
    }

    [Fact]
    public void Scripts_read_and_write_variables_and_read_the_input()
    {
        scope.Variables["count"] = 2;
        scope.Globals["input"] = new JsonObject { ["fee"] = 200000, ["tags"] = new JsonArray("a", "b") };

        Assert.Equal(200002, (long)Js("input.fee + getVariable('count')")!);
        Assert.Equal("b", (string?)Js("input.tags[1]"));
        Js("setVariable('seen', { by: 'officer', at: 3 }); variables.count = variables.count * 5");
        Assert.Equal(10, (long)scope.Variables["count"]!);
        Assert.Equal("officer", (string?)scope.Variables["seen"]!["by"]);
    }

    [Fact]
    public void A_script_that_runs_away_is_stopped()
    {
        var e = Assert.Throws<ExpressionException>(() => Js("while (true) {}"));
        Assert.Contains("while (true)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ExpressionException>(() => Js("function f(n) { return f(n + 1); } f(0)"));
    }

    [Fact]
    public void Scripts_cannot_reach_dotnet_and_leave_nothing_behind()
    {
        Assert.Throws<ExpressionException>(() => Js("System.IO.File.ReadAllText('/etc/passwd')"));
        Js("var leaked = 42; leaked");
        Assert.Equal("undefined", (string?)Js("typeof leaked"));
    }

    [Fact]
    public void Syntax_errors_are_found_without_running()
    {
        Assert.Null(ExpressionEvaluator.SyntaxError("1 + 1"));
        Assert.NotNull(ExpressionEvaluator.SyntaxError("1 +"));
    }

    sealed class Scope : IExpressionScope
    {
        public JsonObject Variables { get; } = [];
        public Dictionary<string, JsonNode?> Globals { get; } = [];
        public JsonNode? GetVariable(string name) => Variables[name];
        public void SetVariable(string name, JsonNode? value) => Variables[name] = value;
        public IEnumerable<string> VariableNames => Variables.Select(v => v.Key);
        public IEnumerable<string> GlobalNames => Globals.Keys;
        public JsonNode? GetGlobal(string name) => Globals.GetValueOrDefault(name);
    }
}
