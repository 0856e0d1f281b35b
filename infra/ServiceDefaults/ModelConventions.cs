using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicServices.ServiceDefaults;

/// <summary>Model conventions the services' own databases share (dossiers, payments, notifications).</summary>
public static class ModelConventions
{
    /// <summary>
    /// On SQLite, instants become UTC ticks: SQLite cannot compare DateTimeOffset text, so sorting or filtering by
    /// time would fail there; as ticks it can, exactly. PostgreSQL keeps timestamptz.
    /// </summary>
    public static void StoreInstantsAsUtcTicksOnSqlite(this ModelConfigurationBuilder conventions, DbContext db)
    {
        if (!db.Database.IsSqlite()) return;
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    /// <summary>Names every column in snake_case (<c>NextAttemptAt</c> → <c>next_attempt_at</c>), so hand-written SQL reads naturally.</summary>
    public static void UseSnakeCaseColumns(this ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    static string SnakeCase(string name)
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

    sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
