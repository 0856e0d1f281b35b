using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// Several writes as one statement: each becomes a data-modifying CTE of <c>WITH … SELECT</c> (PostgreSQL runs every
/// one of them, on one snapshot), so a burst's writes cost one statement's overhead instead of one each. Writes
/// marked exactly-one make the statement fail (division by zero, SQLSTATE 22012) unless they hit exactly one row:
/// under the instance lock the state and the rows agree, and if they ever did not, the burst must not commit.
/// Each row may be written by one part only (PostgreSQL does not define two changes of one row in one statement).
/// </summary>
internal sealed class PgStatement
{
    readonly StringBuilder sql = new(512);
    readonly List<NpgsqlParameter> parameters = [];
    readonly List<string> exactlyOne = [];
    readonly List<string> exactly = [];
    int parts;

    public bool IsEmpty => parts == 0;

    /// <summary>A positional parameter for the statement's text: returns its placeholder.</summary>
    public string Parameter(NpgsqlDbType type, object? value)
    {
        parameters.Add(PgRows.Parameter(type, value));
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An INSERT/UPDATE/DELETE without RETURNING.</summary>
    public void Add(string write) => Part(write);

    /// <summary>An UPDATE/DELETE (without RETURNING) that must hit exactly one row.</summary>
    public void AddExactlyOne(string write) => exactlyOne.Add(Part(write + " RETURNING 1"));

    /// <summary>An UPDATE/DELETE (without RETURNING) that must hit exactly <paramref name="rows"/> rows.</summary>
    public void AddExactly(string write, int rows)
    {
        var name = Part(write + " RETURNING 1");
        // The number as a parameter: the text stays the same whatever it is, so the statement is prepared once.
        exactly.Add($"(SELECT (count(*) = {Parameter(NpgsqlDbType.Integer, rows)})::int FROM {name})");
    }

    /// <summary>A query that must return exactly one row, e.g. the definition version that must still be the published one.</summary>
    public void Require(string query) => exactlyOne.Add(Part(query));

    string Part(string text)
    {
        var name = "w" + (++parts).ToString(CultureInfo.InvariantCulture);
        sql.Append(parts == 1 ? "WITH " : ", ").Append(name).Append(" AS (").Append(text).Append(')');
        return name;
    }

    public NpgsqlBatchCommand ToCommand()
    {
        var text = new StringBuilder(sql.Length + 64 + exactlyOne.Count * 40).Append(sql).Append(" SELECT 1");
        foreach (var name in exactlyOne) text.Append(" / (SELECT count(*)::int FROM ").Append(name).Append(')');
        foreach (var check in exactly) text.Append(" / ").Append(check);
        var command = new NpgsqlBatchCommand(text.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }
}
