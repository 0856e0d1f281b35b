-- The daily numbers of dossier codes on PostgreSQL: one sequence per (agency, day) in schema dossier_numbers, created
-- by the day's first call of dossier_numbers.next, which also drops that agency's sequences from before yesterday.
-- A new day's sequence starts after what the old counter row (table daily_counters) had issued, so codes issued
-- before the upgrade to sequences are never issued again. Applied by the DailyNumberSequences migration (CREATE OR
-- REPLACE: a later change to this file is applied by a migration of its own that runs it again).
CREATE SCHEMA IF NOT EXISTS dossier_numbers;

CREATE OR REPLACE FUNCTION dossier_numbers.next(p_agency text, p_day date) RETURNS bigint
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
