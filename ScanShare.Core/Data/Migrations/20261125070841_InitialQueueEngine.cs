using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScanShare.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialQueueEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Facilities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HipId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Facilities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    AbhaNumber = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    AbhaAddress = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    YearOfBirth = table.Column<int>(type: "INTEGER", nullable: true),
                    MonthOfBirth = table.Column<int>(type: "INTEGER", nullable: true),
                    DayOfBirth = table.Column<int>(type: "INTEGER", nullable: true),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AddressLine = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Pincode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Patients_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Queues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ValidityMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityLanesEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SkipPolicy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MaxRequeues = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Queues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Queues_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Counters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QueueId = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Counters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Counters_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Counters_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TokenNumberSequences",
                columns: table => new
                {
                    QueueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenNumberSequences", x => new { x.QueueId, x.ServiceDate });
                    table.ForeignKey(
                        name: "FK_TokenNumberSequences_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Tokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FacilityId = table.Column<int>(type: "INTEGER", nullable: false),
                    QueueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PatientId = table.Column<long>(type: "INTEGER", nullable: true),
                    IssuedAtCounterId = table.Column<int>(type: "INTEGER", nullable: true),
                    CounterId = table.Column<int>(type: "INTEGER", nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstCalledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CalledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ServingAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RequeueCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CalledOutOfOrder = table.Column<bool>(type: "INTEGER", nullable: false),
                    TransferredFromTokenId = table.Column<long>(type: "INTEGER", nullable: true),
                    TransferredToTokenId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tokens_Counters_CounterId",
                        column: x => x.CounterId,
                        principalTable: "Counters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tokens_Counters_IssuedAtCounterId",
                        column: x => x.IssuedAtCounterId,
                        principalTable: "Counters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tokens_Facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "Facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tokens_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Tokens_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Counters_FacilityId_Code",
                table: "Counters",
                columns: new[] { "FacilityId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Counters_QueueId",
                table: "Counters",
                column: "QueueId");

            migrationBuilder.CreateIndex(
                name: "IX_Facilities_HipId",
                table: "Facilities",
                column: "HipId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FacilityId_AbhaAddress",
                table: "Patients",
                columns: new[] { "FacilityId", "AbhaAddress" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FacilityId_AbhaNumber",
                table: "Patients",
                columns: new[] { "FacilityId", "AbhaNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Queues_FacilityId_Code",
                table: "Queues",
                columns: new[] { "FacilityId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_CounterId_State",
                table: "Tokens",
                columns: new[] { "CounterId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_FacilityId_ServiceDate",
                table: "Tokens",
                columns: new[] { "FacilityId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_IssuedAtCounterId",
                table: "Tokens",
                column: "IssuedAtCounterId");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_PatientId_QueueId_ServiceDate",
                table: "Tokens",
                columns: new[] { "PatientId", "QueueId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_QueueId_ServiceDate_Number",
                table: "Tokens",
                columns: new[] { "QueueId", "ServiceDate", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_QueueId_ServiceDate_State_QueuedAt",
                table: "Tokens",
                columns: new[] { "QueueId", "ServiceDate", "State", "QueuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TokenNumberSequences");

            migrationBuilder.DropTable(
                name: "Tokens");

            migrationBuilder.DropTable(
                name: "Counters");

            migrationBuilder.DropTable(
                name: "Patients");

            migrationBuilder.DropTable(
                name: "Queues");

            migrationBuilder.DropTable(
                name: "Facilities");
        }
    }
}
