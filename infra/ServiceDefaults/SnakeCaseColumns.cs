using System.Text;
using Microsoft.EntityFrameworkCore;

namespace PublicServices.ServiceDefaults;

public static class SnakeCaseColumns
{
    /// <summary>
    /// Names every column of the model in snake_case (<c>DossierId</c> → <c>dossier_id</c>), so hand-written SQL reads
    /// naturally. Call it last in OnModelCreating, after every entity is mapped.
    /// </summary>
    public static ModelBuilder UseSnakeCaseColumns(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(Of(property.Name));
        return modelBuilder;
    }

    public static string Of(string name)
    {
        var s = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                s.Append('_');
            s.Append(char.ToLowerInvariant(name[i]));
        }
        return s.ToString();
    }
}
