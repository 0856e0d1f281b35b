using Microsoft.EntityFrameworkCore;

namespace PublicServices.Dossiers.Data;

/// <summary>
/// The rows of a new dossier written as ONE PostgreSQL statement (data-modifying CTEs, one implicit transaction):
/// the dossier, its first timeline entry, its outbox event and its idempotency record. It is the hottest write of the
/// system, and EF's change tracking with four statements cost about a tenth of a submission. Columns left out are
/// null. Tests read every row back through the EF model, so a column renamed there fails them.
/// </summary>
public static class SubmissionRows
{
    public static Task<int> InsertAsync(DossiersDb db, Dossier d, OutboxMessage o, IdempotencyRecord? key, CancellationToken cancel)
    {
        var t = d.Timeline.Single();
        var values = new List<object>(32);
        string Row(params object[] row) => "(" + string.Join(", ", row.Select(v => { values.Add(v); return $"{{{values.Count - 1}}}"; })) + ")";
        var sql = $"""
            WITH d AS (INSERT INTO dossiers (id, code, applicant_id, applicant_name, procedure_code, procedure_version, procedure_name_vi,
                    procedure_name_en, agency_code, form_data, documents, status, submitted_at, statutory_working_days, workflow_definition_id,
                    fee_at_submission, fee_before_result, delivery_method, delivery_address)
                VALUES {Row(d.Id, d.Code, d.ApplicantId, d.ApplicantName, d.ProcedureCode, d.ProcedureVersion, d.ProcedureNameVi,
                    d.ProcedureNameEn, d.AgencyCode, d.FormData, d.Documents, (int)d.Status, d.SubmittedAt, d.StatutoryWorkingDays, d.WorkflowDefinitionId!,
                    d.FeeAtSubmission, d.FeeBeforeResult, d.DeliveryMethod, new Npgsql.NpgsqlParameter { Value = (object?)d.DeliveryAddress ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text })}),
            t AS (INSERT INTO timeline_entries (id, dossier_id, status, at, actor_id, actor_name)
                VALUES {Row(t.Id, t.DossierId, (int)t.Status, t.At, t.ActorId, t.ActorName)}),
            o AS (INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts, poisoned)
                VALUES {Row(o.Id, o.Type, o.Payload, o.OccurredAt, 0, false)})
            """;
        if (key is not null)
            sql += $"""
                , k AS (INSERT INTO idempotency_records (applicant_id, "key", request_hash, dossier_id, created_at)
                    VALUES {Row(key.ApplicantId, key.Key, key.RequestHash, key.DossierId, key.CreatedAt)})
                """;
        // Every value is a parameter ({n} placeholders); the text itself is constant.
#pragma warning disable EF1003
        return db.Database.ExecuteSqlRawAsync(sql + " SELECT 1", values, cancel);
#pragma warning restore EF1003
    }
}
