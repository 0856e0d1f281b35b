using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicServices.Workflow.Data.Migrations
{
    /// <inheritdoc />
    public partial class DropTaskDossierCodeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_tasks_dossier_code",
                table: "workflow_tasks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_workflow_tasks_dossier_code",
                table: "workflow_tasks",
                column: "dossier_code");
        }
    }
}
