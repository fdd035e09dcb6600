// What only the SQLite backend promises: its file format, pragmas, migrations,
// backup, and that tampering with the file is caught by audit verification.
#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace alongside::store {
namespace {

using testing::DraftVersion;
using testing::kTestActor;
using testing::TempDir;

// Runs SQL against the file directly, as an attacker with file access would.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

std::int64_t QueryInt(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::int64_t value = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("program.db");
    auto store = OpenSqliteStore(path_, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    testing::SmallProgram ids = testing::MakeSmallProgram(**store);
    for (int contact_idx = 0; contact_idx < 5; ++contact_idx) {
      (*store)->RecordContact(ids.person, ids.worker,
                              DraftVersion(ids.worker, 1'790'000'000 + contact_idx * 86400),
                              kTestActor).value();
    }
  }

  AuditVerification Verify() {
    auto store = OpenSqliteStore(path_, OpenMode::kOpenExisting);
    EXPECT_TRUE(store.ok());
    return (*store)->VerifyAudit().value();
  }

  TempDir dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, MigratesAnEmptyFileToTheCurrentSchema) {
  std::string empty = dir_.File("empty.db");
  Tamper(empty, "CREATE TABLE unrelated(x); DROP TABLE unrelated;");  // a valid, empty database
  EXPECT_EQ(QueryInt(empty, "PRAGMA user_version"), 0);
  auto refused = OpenSqliteStore(empty, OpenMode::kOpenExisting);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().detail().find("alongside migrate"), std::string::npos);
  auto migrated = OpenSqliteStore(empty, OpenMode::kMigrate);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  EXPECT_EQ(QueryInt(empty, "PRAGMA user_version"), SqliteSchemaVersion());
  EXPECT_EQ((*migrated)->Summary().value().contacts, 0);
  EXPECT_TRUE((*migrated)->VerifyAudit().value().intact);
}

TEST_F(SqliteStoreTest, MigratesASchemaVersion2FileKeepingItsRecords) {
  {
    // One note signed a day after it was written, for version 10's backfill.
    auto store = OpenSqliteStore(path_, OpenMode::kOpenExisting);
    ASSERT_TRUE(store.ok());
    (*store)->AppendContactVersion(1, [](const domain::Contact& contact) {
      domain::ContactVersion signed_version = contact.latest();
      signed_version.status = domain::NoteStatus::kFinal;
      signed_version.signed_by = contact.worker_id;
      signed_version.signed_at = 1'790'086'400;
      signed_version.written_at = 1'790'086'400;
      return Result<domain::ContactVersion>(signed_version);
    }, kTestActor, "contact.finalise").value();
  }
  // The file as version 2 left it: its indexes, no tables or columns of
  // later versions, and its version number.
  Tamper(path_,
         "DROP INDEX contacts_by_worker_time;"
         "CREATE INDEX contacts_by_worker ON contacts(worker_id, start_at);"
         "CREATE INDEX contacts_by_status_worker ON contacts(status, worker_id);"
         "CREATE INDEX audit_by_person ON audit_log(person_id);"
         "DROP TABLE metric_endorsements;"
         "DROP TABLE program_metrics;"
         "DROP TABLE grievance_updates;"
         "DROP TABLE grievance_panel;"
         "DROP TABLE grievances;"
         "DROP TABLE governance_declarations;"
         "DROP TABLE supervision_links;"
         "DROP INDEX contacts_for_fidelity;"
         "DROP INDEX supervision_by_held_at;"
         "ALTER TABLE contacts DROP COLUMN finalised_at;"
         "ALTER TABLE contacts DROP COLUMN activities;"
         "ALTER TABLE supervision_sessions DROP COLUMN what_happened;"
         "ALTER TABLE supervision_sessions DROP COLUMN what_i_felt;"
         "ALTER TABLE supervision_sessions DROP COLUMN what_i_learned;"
         "ALTER TABLE supervision_sessions DROP COLUMN what_i_will_do;"
         "DROP TABLE notifications;"
         "DROP TABLE safety_reviews;"
         "DROP TABLE safety_steps;"
         "DROP TABLE safety_events;"
         "DROP TABLE plan_sections;"
         "DROP TABLE plan_versions;"
         "DROP TABLE person_plans;"
         "DROP TABLE program_settings;"
         "DROP TABLE planned_contacts;"
         "DROP INDEX contacts_drafts_by_worker;"
         "DROP INDEX contact_versions_activities;"
         "ALTER TABLE admissions DROP COLUMN place;"
         "DROP TABLE contact_attempts;"
         "DROP TABLE drift_flags;"
         "DROP TABLE advice_requests;"
         "DROP TABLE boundary_events;"
         "ALTER TABLE contact_versions DROP COLUMN wording_reason;"
         "ALTER TABLE contact_versions DROP COLUMN review_flags;"
         "PRAGMA user_version = 2;");
  EXPECT_EQ(OpenSqliteStore(path_, OpenMode::kOpenExisting).status().code(),
            StatusCode::kConflict);
  {
    auto migrated = OpenSqliteStore(path_, OpenMode::kMigrate);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    EXPECT_EQ((*migrated)->Summary().value().contacts, 5);
    EXPECT_TRUE((*migrated)->VerifyAudit().value().intact);
  }
  EXPECT_EQ(QueryInt(path_, "PRAGMA user_version"), SqliteSchemaVersion());
  // Version 10 backfills when each final note became final.
  EXPECT_EQ(QueryInt(path_, "SELECT finalised_at FROM contacts WHERE id = 1"), 1'790'086'400);
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM contacts WHERE (status = 'final') <> "
                            "(finalised_at IS NOT NULL)"),
            0);
  const std::string index_named =
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ";
  EXPECT_EQ(QueryInt(path_, index_named + "'contacts_by_worker_time'"), 1);
  for (const char* gone : {"'contacts_by_worker'", "'contacts_by_status_worker'",
                           "'audit_by_person'"}) {
    EXPECT_EQ(QueryInt(path_, index_named + gone), 0) << gone;
  }
}

TEST_F(SqliteStoreTest, UsesWalAndRefusesWrongFiles) {
  EXPECT_EQ(QueryInt(path_, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
  EXPECT_EQ(OpenSqliteStore(path_, OpenMode::kCreate).status().code(), StatusCode::kConflict);
  EXPECT_EQ(OpenSqliteStore(dir_.File("missing.db"), OpenMode::kOpenExisting).status().code(),
            StatusCode::kNotFound);
  Tamper(path_, "PRAGMA user_version = 99");
  EXPECT_EQ(OpenSqliteStore(path_, OpenMode::kOpenExisting).status().code(),
            StatusCode::kConflict);
}

TEST_F(SqliteStoreTest, VersionsAreAppendOnlyEvenInTheFile) {
  sqlite3* db = nullptr;
  sqlite3_open(path_.c_str(), &db);
  char* error = nullptr;
  int rc = sqlite3_exec(db, "UPDATE contact_versions SET note = 'rewritten'", nullptr, nullptr,
                        &error);
  EXPECT_NE(rc, SQLITE_OK);
  EXPECT_NE(std::string(error ? error : "").find("append-only"), std::string::npos);
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, IntactChainVerifies) {
  AuditVerification verified = Verify();
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.rows_checked, QueryInt(path_, "SELECT count(*) FROM audit_log"));
}

TEST_F(SqliteStoreTest, AlteredRowIsNamed) {
  Tamper(path_, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 6");
  AuditVerification verified = Verify();
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_bad_seq, 6);
  EXPECT_NE(verified.problem.find("altered"), std::string::npos);
}

TEST_F(SqliteStoreTest, DeletedRowIsNamed) {
  Tamper(path_, "DELETE FROM audit_log WHERE seq = 4");
  AuditVerification verified = Verify();
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_bad_seq, 4);
}

TEST_F(SqliteStoreTest, ReorderedRowsAreCaught) {
  Tamper(path_,
         "UPDATE audit_log SET seq = -1 WHERE seq = 3;"
         "UPDATE audit_log SET seq = 3 WHERE seq = 5;"
         "UPDATE audit_log SET seq = 5 WHERE seq = -1;");
  AuditVerification verified = Verify();
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_bad_seq, 3);
}

TEST_F(SqliteStoreTest, TruncatedTailIsCaught) {
  std::int64_t last = QueryInt(path_, "SELECT max(seq) FROM audit_log");
  Tamper(path_, "DELETE FROM audit_log WHERE seq = " + std::to_string(last));
  AuditVerification verified = Verify();
  EXPECT_FALSE(verified.intact);
  EXPECT_EQ(verified.first_bad_seq, last);
}

TEST_F(SqliteStoreTest, BackupIsAConsistentCopy) {
  std::string copy = dir_.File("copy.db");
  ASSERT_TRUE(BackupSqlite(path_, copy).ok());
  auto original = OpenSqliteStore(path_, OpenMode::kOpenExisting);
  auto copied = OpenSqliteStore(copy, OpenMode::kOpenExisting);
  ASSERT_TRUE(copied.ok());
  EXPECT_EQ((*original)->ContentDigest().value(), (*copied)->ContentDigest().value());
  EXPECT_TRUE((*copied)->VerifyAudit().value().intact);
  EXPECT_EQ(BackupSqlite(path_, copy).code(), StatusCode::kConflict);
  EXPECT_EQ(BackupSqlite(dir_.File("none.db"), dir_.File("x.db")).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace alongside::store
