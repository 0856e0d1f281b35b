using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// A read-only value scripts read by <see cref="Name"/>, computed from the running instance: how a module on top of
/// the engine shows its own data to expressions. Registered as a singleton.
/// </summary>
public interface IWorkflowGlobal
{
    /// <summary>The name scripts use; the engine's own (input, lastTask, lastEvent, correlationId) cannot be replaced.</summary>
    string Name { get; }

    /// <summary>The value for the activity being run.</summary>
    JsonNode? Value(IInstanceData instance);
}
