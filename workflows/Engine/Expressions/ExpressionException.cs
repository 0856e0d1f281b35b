namespace PublicServices.WorkflowEngine.Expressions;

/// <summary>An expression could not be evaluated (syntax, runtime error, or a time/statement/recursion limit).</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public ExpressionException() { }

    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message) : base(message) { }
}
