using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicServices.Dossiers.Migrations
{
    /// <summary>
    /// Dossier numbers from one PostgreSQL sequence per (agency, day), created on the day's first submission, instead
    /// of a counter row that every submission locked and updated (see DailySequence). A day's sequence starts after
    /// what the old counter row already issued, so upgrading mid-day never repeats a number.
    /// </summary>
    public partial class DailyNumberSequences : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SCHEMA IF NOT EXISTS dossier_numbers;

                CREATE FUNCTION dossier_numbers.next(p_agency text, p_day date) RETURNS bigint
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    -- Only [a-z0-9_]: no quoting needed, and an agency code of any length fits in 63 bytes.
                    prefix constant text := 'n_' || left(md5(p_agency), 16) || '_';
                    seq_name constant text := prefix || to_char(p_day, 'YYMMDD');
                    seq regclass := to_regclass('dossier_numbers.' || seq_name);
                    old text;
                BEGIN
                    IF seq IS NULL THEN
                        BEGIN
                            EXECUTE format('CREATE SEQUENCE dossier_numbers.%I START WITH %s', seq_name,
                                coalesce((SELECT c.value + 1 FROM daily_counters c WHERE c.agency_code = p_agency AND c.day = p_day), 1));
                        EXCEPTION WHEN duplicate_table OR unique_violation THEN
                            NULL; -- another submission created it first
                        END;
                        -- Sequences of days before yesterday are done with (a submission's day is taken moments before).
                        FOR old IN SELECT c.relname FROM pg_class c
                                WHERE c.relnamespace = 'dossier_numbers'::regnamespace AND c.relkind = 'S'
                                  AND c.relname LIKE prefix || '%' AND c.relname < prefix || to_char(p_day - 2, 'YYMMDD') LOOP
                            EXECUTE format('DROP SEQUENCE IF EXISTS dossier_numbers.%I', old);
                        END LOOP;
                        seq := to_regclass('dossier_numbers.' || seq_name);
                    END IF;
                    RETURN nextval(seq);
                END
                $fn$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS dossier_numbers CASCADE;");
        }
    }
}
