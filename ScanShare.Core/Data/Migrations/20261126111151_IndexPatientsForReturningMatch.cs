using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScanShare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexPatientsForReturningMatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Patients",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FacilityId_Mobile",
                table: "Patients",
                columns: new[] { "FacilityId", "Mobile" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FacilityId_NameKey",
                table: "Patients",
                columns: new[] { "FacilityId", "NameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_FacilityId_Mobile",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_FacilityId_NameKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Patients");
        }
    }
}
