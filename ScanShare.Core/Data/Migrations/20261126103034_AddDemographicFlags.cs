using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScanShare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDemographicFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DemographicFlags",
                table: "Patients",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DemographicFlags",
                table: "Patients");
        }
    }
}
