using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PublicServices.Dossiers.Data.Migrations
{
    /// <inheritdoc />
    public partial class FeesAndDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "delivery_address",
                table: "dossiers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_method",
                table: "dossiers",
                type: "text",
                nullable: false,
                defaultValue: "online");

            migrationBuilder.AddColumn<long>(
                name: "fee_at_submission",
                table: "dossiers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "fee_before_result",
                table: "dossiers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delivery_address",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "delivery_method",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "fee_at_submission",
                table: "dossiers");

            migrationBuilder.DropColumn(
                name: "fee_before_result",
                table: "dossiers");
        }
    }
}
