using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Documents.Data;

/// <summary>Lets `dotnet ef migrations add` build the model offline; migrations target PostgreSQL.</summary>
public sealed class DesignTimeDocumentsDbFactory : IDesignTimeDbContextFactory<DocumentsDb>
{
    public DocumentsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DocumentsDb>().UseNpgsql("Host=localhost;Database=documents").Options);
}
