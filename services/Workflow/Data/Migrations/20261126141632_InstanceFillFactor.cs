using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicServices.Workflow.Data.Migrations
{
    /// <inheritdoc />
    public partial class InstanceFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "workflow_instances")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "workflow_instances")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);
        }
    }
}
