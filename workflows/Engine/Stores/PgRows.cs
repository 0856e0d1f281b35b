using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// Rows a PostgreSQL burst writes, as plain batch commands (no change tracking): the rows of one entity type go into
/// one multi-row INSERT. Table and column names and value conversions come from the host's EF model, so the SQL
/// matches the schema the model created; every parameter carries its type, so auto-prepared statements stay reusable
/// whether a value is null or not.
/// </summary>
internal static class PgRows
{
    sealed record Column(string Name, NpgsqlDbType Type, Type Element, Func<object, object> Value);

    sealed record Table(string Name, Column[] Columns);

    static readonly ConcurrentDictionary<IEntityType, Table> Tables = new();

    /// <summary>Adds one INSERT of all <paramref name="rows"/> (entities of <typeparamref name="T"/>) to the statement.</summary>
    public static void Insert<T>(PgStatement statement, IModel model, IReadOnlyList<T> rows, bool asArrays = false) where T : class
    {
        if (rows.Count == 0) return;
        var type = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        if (asArrays) InsertArrays(statement, type, rows.Count, i => rows[i]);
        else Insert(statement, type, rows.Count, i => rows[i]);
    }

    /// <summary>
    /// One INSERT … SELECT FROM unnest(one array per column): for many rows, one parameter per column and one short
    /// text whatever their number, instead of a VALUES list PostgreSQL must parse and evaluate row by row.
    /// </summary>
    public static void InsertArrays(PgStatement statement, IEntityType type, int count, Func<int, object> row)
    {
        var table = Tables.GetOrAdd(type, Build);
        var columns = table.Columns;
        var arrays = columns.Select(c => Array.CreateInstance(c.Element, count)).ToArray();
        for (var r = 0; r < count; r++)
        {
            var entity = row(r);
            for (var c = 0; c < columns.Length; c++)
                if (columns[c].Value(entity) is var value and not DBNull) arrays[c].SetValue(value, r);
        }
        var sql = new StringBuilder(64 + columns.Length * 24);
        sql.Append("INSERT INTO ").Append(table.Name).Append(" (");
        for (var c = 0; c < columns.Length; c++) sql.Append(c == 0 ? "" : ", ").Append(columns[c].Name);
        sql.Append(") SELECT * FROM unnest(");
        for (var c = 0; c < columns.Length; c++)
            sql.Append(c == 0 ? "" : ", ").Append(statement.Parameter(NpgsqlDbType.Array | columns[c].Type, arrays[c]));
        statement.Add(sql.Append(')').ToString());
    }

    /// <summary>Adds one INSERT of <paramref name="count"/> entities of <paramref name="type"/> to the statement.</summary>
    public static void Insert(PgStatement statement, IEntityType type, int count, Func<int, object> row)
    {
        var table = Tables.GetOrAdd(type, Build);
        var columns = table.Columns;
        var sql = new StringBuilder(64 + columns.Length * (12 + 6 * count));
        sql.Append("INSERT INTO ").Append(table.Name).Append(" (");
        for (var c = 0; c < columns.Length; c++) sql.Append(c == 0 ? "" : ", ").Append(columns[c].Name);
        sql.Append(") VALUES ");
        for (var r = 0; r < count; r++)
        {
            var entity = row(r);
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
                sql.Append(c == 0 ? "" : ", ").Append(statement.Parameter(columns[c].Type, columns[c].Value(entity)));
            sql.Append(')');
        }
        statement.Add(sql.ToString());
    }

    /// <summary>A positional parameter with its type (null becomes DBNull).</summary>
    public static NpgsqlParameter Parameter(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    static Table Build(IEntityType type)
    {
        var name = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(name, type.GetSchema());
        // Columns the database computes (e.g. the outbox's order key) are never written.
        var columns = type.GetProperties().Where(p => p.GetComputedColumnSql(store) is null).Select(p => ColumnOf(p, store)).ToArray();
        return new Table(Quote(name, type.GetSchema()), columns);
    }

    static Column ColumnOf(IProperty property, StoreObjectIdentifier store)
    {
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        var provider = converter?.ProviderClrType ?? property.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        if (provider.IsEnum) provider = Enum.GetUnderlyingType(provider);
        object Value(object entity)
        {
            var value = getter.GetClrValueUsingContainingEntity(entity);
            if (value is null) return DBNull.Value;
            if (converter is not null) value = converter.ConvertToProvider(value);
            return value switch
            {
                null => DBNull.Value,
                Enum e => Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture),
                _ => value,
            };
        }
        var element = provider.IsValueType ? typeof(Nullable<>).MakeGenericType(provider) : provider;
        return new Column(Quote(property.GetColumnName(store) ?? property.GetColumnName()), TypeOf(provider), element, Value);
    }

    static NpgsqlDbType TypeOf(Type clr) => clr switch
    {
        _ when clr == typeof(string) => NpgsqlDbType.Text,
        _ when clr == typeof(Guid) => NpgsqlDbType.Uuid,
        _ when clr == typeof(long) => NpgsqlDbType.Bigint,
        _ when clr == typeof(int) => NpgsqlDbType.Integer,
        _ when clr == typeof(short) => NpgsqlDbType.Smallint,
        _ when clr == typeof(bool) => NpgsqlDbType.Boolean,
        _ when clr == typeof(decimal) => NpgsqlDbType.Numeric,
        _ when clr == typeof(double) => NpgsqlDbType.Double,
        _ when clr == typeof(DateTimeOffset) || clr == typeof(DateTime) => NpgsqlDbType.TimestampTz,
        _ when clr == typeof(byte[]) => NpgsqlDbType.Bytea,
        _ => throw new NotSupportedException($"No PostgreSQL parameter type for {clr.Name}."),
    };

    static string Quote(string name, string? schema = null) =>
        (schema is null ? "" : "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\".")
        + "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
