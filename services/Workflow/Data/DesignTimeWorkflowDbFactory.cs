using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Workflow.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model offline; the connection is never opened.</summary>
sealed class DesignTimeWorkflowDbFactory : IDesignTimeDbContextFactory<WorkflowDb>
{
    public WorkflowDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkflowDb>().UseNpgsql("Host=localhost;Database=workflow_design").Options);
}
