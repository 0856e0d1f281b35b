using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>Opens the host's DbContext (which maps the workflow tables) in a scope of its own, one per burst.</summary>
internal interface IWorkflowDb
{
    WorkflowDbScope Open();
}

internal sealed class WorkflowDb<TDb>(IServiceScopeFactory scopes) : IWorkflowDb where TDb : DbContext
{
    public WorkflowDbScope Open()
    {
        var scope = scopes.CreateAsyncScope();
        return new WorkflowDbScope(scope, scope.ServiceProvider.GetRequiredService<TDb>());
    }
}

internal sealed class WorkflowDbScope(AsyncServiceScope scope, DbContext db) : IAsyncDisposable
{
    public DbContext Db { get; } = db;
    public IServiceProvider Services => scope.ServiceProvider;
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
