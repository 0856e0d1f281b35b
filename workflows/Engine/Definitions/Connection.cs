namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>
/// A flowchart edge: when <see cref="Source"/> completes through <see cref="SourcePort"/>, <see cref="Target"/>
/// runs. Elsa 3 writes it as <c>{"source": {"activity", "port"}, "target": {"activity", "port"}}</c>.
/// </summary>
public sealed record Connection(string Source, string SourcePort, string Target, string? TargetPort);
