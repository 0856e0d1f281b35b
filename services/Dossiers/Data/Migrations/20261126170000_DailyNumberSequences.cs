using Microsoft.EntityFrameworkCore.Migrations;
using PublicServices.Dossiers.Data;

#nullable disable

namespace PublicServices.Dossiers.Data.Migrations
{
    /// <summary>
    /// Dossier numbers from one PostgreSQL sequence per (agency, day), created on the day's first submission, instead
    /// of a counter row that every submission locked and updated (the function is Data/DossierNumbers.sql). A day's sequence starts after
    /// what the old counter row already issued, so upgrading mid-day never repeats a number.
    /// </summary>
    public partial class DailyNumberSequences : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DossierNumbers.FunctionSql);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS dossier_numbers CASCADE;");
        }
    }
}
