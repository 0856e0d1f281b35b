using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicServices.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowDefinitionOfDossier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "workflow_definition_id",
                table: "dossiers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "workflow_definition_id",
                table: "dossiers");
        }
    }
}
