#include "store/sql/sql_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/hash.h"
#include "domain/rules.h"
#include "store/audit_chain.h"
#include "domain/plan_templates.h"
#include "domain/safety.h"
#include "store/sql/dialect.h"
#include "store/sql/group_commit.h"
#include "store/sql/fidelity.h"
#include "store/sql/governance.h"
#include "store/sql/plans_safety.h"
#include "store/sql/reads.h"
#include "store/sql/statement.h"

namespace alongside::store::sql {
namespace {

using domain::Id;
using sql::Connection;
using sql::Statement;

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string joined;
  for (const std::string& code : codes) {
    if (!joined.empty()) joined += ',';
    joined += code;
  }
  return joined;
}

std::string JoinFocus(const std::vector<domain::SupervisionFocus>& focus) {
  std::vector<std::string> names;
  for (domain::SupervisionFocus item : focus) names.emplace_back(domain::Name(item));
  return JoinCodes(names);
}

std::optional<std::int64_t> OptionalId(Id id) {
  return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

// "INSERT INTO table(id, columns) VALUES (?1, ?2, ...) RETURNING id", where
// ?1 is the new row's id or NULL for one the database assigns.
std::string InsertSql(sql::Dialect dialect, std::string_view table, std::string_view columns) {
  int count = 1 + static_cast<int>(std::count(columns.begin(), columns.end(), ','));
  std::string values = sql::NewId(dialect, table, 1);
  for (int param = 2; param <= count + 1; ++param) values += fmt::format(", ?{}", param);
  return fmt::format("INSERT INTO {}(id, {}) VALUES ({}) RETURNING id", table, columns, values);
}

// An insert's outcome, with a missing referenced record (a foreign key the
// database refused; both drivers report it in SQLite's words) named as
// `field` for the caller.
Status RefusedReference(const Status& ran, std::string_view field) {
  if (!ran.ok() && ran.detail().find("FOREIGN KEY") != std::string::npos) {
    return Status::InvalidArgument(std::string(field), "refers to a record that does not exist");
  }
  return ran;
}

// The language review of a final version's note, as the store counts it
// (review_flags: what stays flagged in a final note) and raises drift from
// it; none for a draft, which is work in progress and raises nothing.
std::vector<domain::LanguageFlag> ReviewOf(const domain::ContactVersion& version) {
  if (version.status != domain::NoteStatus::kFinal) return {};
  return domain::LanguageReview::Current().Review(version.note);
}

// Raises the role-drift flags of `version` (domain::RoleDriftReasons) on
// the contact, one per contact and code (a code already raised is left as
// it is); how many were new. In the caller's transaction.
Result<size_t> RaiseDrift(Connection& connection, Id contact_id, Id worker_id,
                          const domain::ContactVersion& version,
                          const std::vector<domain::LanguageFlag>& review) {
  const std::vector<domain::DriftReason> reasons =
      domain::RoleDriftReasons(version, domain::ActivityCatalog::Default(), review);
  size_t raised = 0;
  for (const domain::DriftReason& reason : reasons) {
    Statement insert(connection,
                     "INSERT INTO drift_flags(contact_id, worker_id, raised_at, source, code)"
                     " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (contact_id, code) DO NOTHING"
                     " RETURNING id");
    insert.Bind(1, contact_id).Bind(2, worker_id).Bind(3, version.written_at)
        .Bind(4, domain::Name(reason.source)).Bind(5, reason.code);
    if (insert.Step()) {
      ++raised;
      ALONGSIDE_RETURN_IF_ERROR(insert.Run());
    } else {
      ALONGSIDE_RETURN_IF_ERROR(insert.status());  // a code raised before: nothing new
    }
  }
  return raised;
}

// The audit detail of a contact write: "version 2 (final)", and the drift
// flags it raised.
std::string ContactAuditDetail(const domain::ContactVersion& version, size_t drift_raised) {
  std::string detail = fmt::format("version {} ({})", version.version, domain::Name(version.status));
  if (drift_raised > 0) detail += fmt::format("; {} role-drift flag(s) raised", drift_raised);
  return detail;
}

// "INSERT INTO table(columns) VALUES (?1, ..., ?c), (?c+1, ...), ..." for
// `rows` rows of `count` columns.
std::string MultiRowInsertSql(std::string_view table, std::string_view columns, int count,
                              size_t rows) {
  std::string sql = fmt::format("INSERT INTO {}({}) VALUES ", table, columns);
  int param = 1;
  for (size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (int column = 0; column < count; ++column) {
      if (column > 0) sql += ", ";
      sql += fmt::format("?{}", param++);
    }
    sql += ')';
  }
  return sql;
}

// Inserts `rows` rows with multi-row INSERTs of up to kRowsPerInsert rows,
// `bind(statement, row, first_parameter)` filling each row: on PostgreSQL
// one round trip per chunk instead of per row (synthetic and bulk loads).
constexpr size_t kRowsPerInsert = 200;
Status InsertRows(const Connection& connection, std::string_view table, std::string_view columns,
                  int count, size_t rows,
                  const std::function<void(Statement&, size_t row, int base)>& bind) {
  for (size_t first = 0; first < rows; first += kRowsPerInsert) {
    const size_t chunk = std::min(kRowsPerInsert, rows - first);
    Statement insert(connection, MultiRowInsertSql(table, columns, count, chunk));
    for (size_t row = 0; row < chunk; ++row) {
      bind(insert, first + row, 1 + static_cast<int>(row) * count);
    }
    ALONGSIDE_RETURN_IF_ERROR(RefusedReference(insert.Run(), "person_id"));
  }
  return Status::Ok();
}

// Runs an INSERT ... RETURNING id to its end and gives the new row's id.
// Ok when the notification exists (an update that changed nothing found it
// delivered already), NotFound otherwise.
Status NotificationKnown(const Connection& connection, Id notification_id) {
  Statement known(connection, "SELECT 1 FROM notifications WHERE id = ?1");
  known.Bind(1, notification_id);
  if (known.Step()) return Status::Ok();
  ALONGSIDE_RETURN_IF_ERROR(known.status());
  return Status::NotFound("no such notification");
}

Result<Id> InsertReturningId(Statement& insert) {
  if (!insert.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(insert.status());
    return Status::Internal("the insert gave back no id");
  }
  const Id id = insert.Int(0);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  return id;
}

// When a note became final: a final version's signature time (its writing
// time when unsigned); nullopt for a draft. Of a contact's versions, the
// first final one.
std::optional<Instant> FinalisedAt(const domain::ContactVersion& version) {
  if (version.status != domain::NoteStatus::kFinal) return std::nullopt;
  return version.signed_at.value_or(version.written_at);
}
std::optional<Instant> FinalisedAt(const std::vector<domain::ContactVersion>& versions) {
  for (const domain::ContactVersion& version : versions) {
    if (std::optional<Instant> at = FinalisedAt(version)) return at;
  }
  return std::nullopt;
}

// Statements that insert one record each, prepared once per transaction.
struct Inserts {
  explicit Inserts(const Connection& connection)
      : connection_(connection),
        program(connection, InsertSql(connection.dialect(), "programs", "name")),
        team(connection, InsertSql(connection.dialect(), "teams", "program_id, name, setting")),
        staff(connection, InsertSql(connection.dialect(), "staff", "team_id, display_name, role, peer_supervisor_id, clinical_supervisor_id, active")),
        certification(connection, InsertSql(connection.dialect(), "certifications", "staff_id, name, issued_on, expires_on")),
        person(connection, InsertSql(connection.dialect(), "people", "team_id, preferred_name, pronouns, self_description, birth_year, enrolled_on")),
        assignment(connection, InsertSql(connection.dialect(), "assignments", "person_id, worker_id, start_on, end_on")),
        contact(connection, InsertSql(connection.dialect(), "contacts", "person_id, worker_id, start_at, end_at, status, current_version, finalised_at, activities")),
        contact_version(connection, MultiRowInsertSql("contact_versions",
                                                      Inserts::kContactVersionColumns,
                                                      Inserts::kContactVersionColumnCount, 1)),
        goal(connection, InsertSql(connection.dialect(), "goals", "person_id, status, current_version")),
        goal_version(connection,
                     "INSERT INTO goal_versions(goal_id, version, words, status, "
                     "authored_by_person, review_on, cosigned_at, written_at) "
                     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)"),
        goal_progress(connection, InsertSql(connection.dialect(), "goal_progress", "goal_id, at, words, by_person")),
        supervision(connection, InsertSql(connection.dialect(), "supervision_sessions", "supervisor_id, supervisee_id, kind, held_at, duration_minutes, focus, reflection, what_happened, what_i_felt, what_i_learned, what_i_will_do")),
        admission(connection, InsertSql(connection.dialect(), "admissions", "person_id, kind, admitted_on, discharged_on, place")) {}

  const Connection& connection_;
  Statement program, team, staff, certification, person, assignment, contact, contact_version,
      goal, goal_version, goal_progress, supervision, admission;

  // Whether every statement was prepared (a failed prepare is kept as an
  // error, so a write using it fails rather than doing nothing).
  bool Prepared() const {
    for (const Statement* statement :
         {&program, &team, &staff, &certification, &person, &assignment, &contact,
          &contact_version, &goal, &goal_version, &goal_progress, &supervision, &admission}) {
      if (!statement->prepared()) return false;
    }
    return true;
  }

  // Runs an insert; gives the new row's id when it returns one (0 if not).
  Result<Id> Run(Statement& statement, std::string_view what) {
    const bool row = statement.Step();
    const Id id = row ? statement.Int(0) : 0;
    Status ran = row ? statement.Run() : statement.status();
    statement.Reset();
    ALONGSIDE_RETURN_IF_ERROR(RefusedReference(ran, what));
    return id;
  }

  Result<Id> Insert(const domain::Program& value) {
    program.Bind(1, OptionalId(value.id)).Bind(2, value.name);
    return Run(program, "program");
  }
  Result<Id> Insert(const domain::Team& value) {
    team.Bind(1, OptionalId(value.id)).Bind(2, value.program_id).Bind(3, value.name)
        .Bind(4, domain::Name(value.setting));
    return Run(team, "program_id");
  }
  Result<Id> Insert(const domain::Staff& value) {
    staff.Bind(1, OptionalId(value.id)).Bind(2, value.team_id).Bind(3, value.display_name)
        .Bind(4, domain::Name(value.role)).Bind(5, value.peer_supervisor_id)
        .Bind(6, value.clinical_supervisor_id).Bind(7, value.active ? 1 : 0);
    return Run(staff, "team_id");
  }
  Result<Id> Insert(const domain::Certification& value) {
    certification.Bind(1, OptionalId(value.id)).Bind(2, value.staff_id).Bind(3, value.name)
        .Bind(4, value.issued_on).Bind(5, value.expires_on);
    return Run(certification, "staff_id");
  }
  Result<Id> Insert(const domain::Person& value) {
    person.Bind(1, OptionalId(value.id)).Bind(2, value.team_id).Bind(3, value.preferred_name)
        .Bind(4, value.pronouns).Bind(5, value.self_description).Bind(6, value.birth_year)
        .Bind(7, value.enrolled_on);
    return Run(person, "team_id");
  }
  Result<Id> Insert(const domain::Assignment& value) {
    assignment.Bind(1, OptionalId(value.id)).Bind(2, value.person_id).Bind(3, value.worker_id)
        .Bind(4, value.start_on).Bind(5, value.end_on);
    return Run(assignment, "person_id");
  }
  // The columns of a contact row and of a contact version, in the order the
  // binders below fill them from parameter `base` on: one home for the
  // single-row statements above and the loader's multi-row ones.
  static constexpr std::string_view kContactColumns =
      "id, person_id, worker_id, start_at, end_at, status, current_version, finalised_at, "
      "activities";
  static constexpr int kContactColumnCount = 9;
  static constexpr std::string_view kContactVersionColumns =
      "contact_id, version, start_at, end_at, setting, modalities, activities, note, "
      "person_words, status, written_by, written_at, signed_by, signed_at, amends_version, "
      "amend_reason, wording_reason, review_flags";
  static constexpr int kContactVersionColumnCount = 18;
  // `finalised_at`: when the note first became final (FinalisedAt).
  static void BindContactRow(Statement& row, int base, Id id, Id person_id, Id worker_id,
                             const domain::ContactVersion& latest,
                             std::optional<Instant> finalised_at) {
    row.Bind(base, OptionalId(id)).Bind(base + 1, person_id).Bind(base + 2, worker_id)
        .Bind(base + 3, latest.start).Bind(base + 4, latest.end)
        .Bind(base + 5, domain::Name(latest.status)).Bind(base + 6, latest.version)
        .Bind(base + 7, finalised_at).Bind(base + 8, JoinCodes(latest.activities));
  }
  // `review_flags`: how many phrases the language review marks in the note.
  static void BindContactVersion(Statement& row, int base, Id contact_id,
                                 const domain::ContactVersion& value, size_t review_flags) {
    row.Bind(base, contact_id).Bind(base + 1, value.version).Bind(base + 2, value.start)
        .Bind(base + 3, value.end).Bind(base + 4, domain::Name(value.setting))
        .Bind(base + 5, static_cast<int>(value.modalities))
        .Bind(base + 6, JoinCodes(value.activities)).Bind(base + 7, value.note)
        .Bind(base + 8, value.person_words).Bind(base + 9, domain::Name(value.status))
        .Bind(base + 10, value.written_by).Bind(base + 11, value.written_at)
        .Bind(base + 12, value.signed_by).Bind(base + 13, value.signed_at)
        .Bind(base + 14, value.amends_version).Bind(base + 15, value.amend_reason)
        .Bind(base + 16, value.wording_reason)
        .Bind(base + 17, static_cast<std::int64_t>(review_flags));
  }

  Result<Id> InsertContactRow(Id id, Id person_id, Id worker_id,
                              const domain::ContactVersion& latest) {
    BindContactRow(contact, 1, id, person_id, worker_id, latest, FinalisedAt(latest));
    return Run(contact, "person_id");
  }
  Status Insert(Id contact_id, const domain::ContactVersion& value, size_t review_flags) {
    BindContactVersion(contact_version, 1, contact_id, value, review_flags);
    return Run(contact_version, "written_by").status();
  }
  Result<Id> InsertGoalRow(Id id, Id person_id, const domain::GoalVersion& latest) {
    goal.Bind(1, OptionalId(id)).Bind(2, person_id).Bind(3, domain::Name(latest.status))
        .Bind(4, latest.version);
    return Run(goal, "person_id");
  }
  Status Insert(Id goal_id, const domain::GoalVersion& value) {
    goal_version.Bind(1, goal_id).Bind(2, value.version).Bind(3, value.words)
        .Bind(4, domain::Name(value.status)).Bind(5, value.authored_by_person ? 1 : 0)
        .Bind(6, value.review_on).Bind(7, value.cosigned_at).Bind(8, value.written_at);
    return Run(goal_version, "goal_id").status();
  }
  Result<Id> Insert(const domain::GoalProgress& value) {
    goal_progress.Bind(1, OptionalId(value.id)).Bind(2, value.goal_id).Bind(3, value.at)
        .Bind(4, value.words).Bind(5, value.by_person ? 1 : 0);
    return Run(goal_progress, "goal_id");
  }
  Result<Id> Insert(const domain::SupervisionSession& value) {
    supervision.Bind(1, OptionalId(value.id)).Bind(2, value.supervisor_id)
        .Bind(3, value.supervisee_id).Bind(4, domain::Name(value.kind)).Bind(5, value.held_at)
        .Bind(6, value.duration_minutes).Bind(7, JoinFocus(value.focus))
        .Bind(8, value.reflection).Bind(9, value.what_happened).Bind(10, value.what_i_felt)
        .Bind(11, value.what_i_learned).Bind(12, value.what_i_will_do);
    ALONGSIDE_ASSIGN_OR_RETURN(Id id, Run(supervision, "supervisor_id"));
    ALONGSIDE_RETURN_IF_ERROR(InsertLinks(id, value));
    return id;
  }
  // What the session discussed: each record must be the supervisee's.
  Status InsertLinks(Id session_id, const domain::SupervisionSession& value) {
    for (const domain::SupervisionLink& link : value.discussed) {
      Statement owner(connection_, fmt::format("SELECT worker_id FROM {} WHERE id = ?1",
                                               LinkTable(link.subject)));
      owner.Bind(1, link.id);
      const bool found = owner.Step();
      ALONGSIDE_RETURN_IF_ERROR(owner.status());
      if (!found || owner.Int(0) != value.supervisee_id) {
        return Status::InvalidArgument(
            "discussed", fmt::format("names {} {}, which is not a record of supervisee {}",
                                     domain::Name(link.subject), link.id, value.supervisee_id));
      }
      Statement insert(connection_,
                       "INSERT INTO supervision_links(session_id, subject, subject_id) "
                       "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
      insert.Bind(1, session_id).Bind(2, domain::Name(link.subject)).Bind(3, link.id);
      ALONGSIDE_RETURN_IF_ERROR(insert.Run());
    }
    return Status::Ok();
  }
  static std::string_view LinkTable(domain::SupervisionSubject subject) {
    switch (subject) {
      case domain::SupervisionSubject::kContact: return "contacts";
      case domain::SupervisionSubject::kDriftFlag: return "drift_flags";
      case domain::SupervisionSubject::kBoundaryEvent: return "boundary_events";
      case domain::SupervisionSubject::kAdviceRequest: return "advice_requests";
      case domain::SupervisionSubject::kSafetyEvent: return "safety_events";
    }
    return "contacts";
  }
  Result<Id> Insert(const domain::Admission& value) {
    admission.Bind(1, OptionalId(value.id)).Bind(2, value.person_id)
        .Bind(3, domain::Name(value.kind)).Bind(4, value.admitted_on)
        .Bind(5, value.discharged_on).Bind(6, value.place);
    return Run(admission, "person_id");
  }
};

// Resets a statement (its cursor, bindings and error) when the scope ends,
// so a prepared statement can be used again.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& statement) : statement_(statement) {}
  ~ResetOnExit() { statement_.Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& statement_;
};

// The writer's statements, prepared once on the write connection and used
// only on the writer thread: preparing them for every request cost more
// than running them, and the writer is the one serial stage.
struct WriterStatements {
  explicit WriterStatements(const Connection& connection)
      : inserts(connection),
        audit_head(connection, fmt::format("SELECT seq, hash FROM audit_head WHERE only_row = 1{}",
                                            sql::ForUpdate(connection.dialect()))),
        audit_insert(connection,
                     "INSERT INTO audit_log(seq, at, actor, address, action, entity, entity_id,"
                     " person_id, outcome, detail, prev_hash, hash)"
                     " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)"),
        audit_move_head(connection, "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE only_row = 1"),
        people_and_staff_exist(connection,
                               "SELECT (SELECT 1 FROM people WHERE id = ?1),"
                               " (SELECT 1 FROM staff WHERE id = ?2)") {}

  Inserts inserts;
  Statement audit_head, audit_insert, audit_move_head, people_and_staff_exist;

  bool Prepared() const {
    return inserts.Prepared() && audit_head.prepared() && audit_insert.prepared() &&
           audit_move_head.prepared() && people_and_staff_exist.prepared();
  }
};

// The audit chain's head as the writer's open transaction sees it. Read
// with its row locked (FOR UPDATE on PostgreSQL, so that other servers'
// writers wait; SQLite's one writer holds the database lock) at the
// transaction's first append, then kept here and advanced by each append;
// written back once, just before COMMIT. A request undone to its savepoint
// takes the head back to where it was before that request. Used only on the
// writer thread.
class AuditHeadInTransaction final : public sql::TransactionListener {
 public:
  struct Head {
    std::int64_t seq = 0;
    std::string hash;
  };
  // `statements` gives the writer's prepared statements (audit_head,
  // audit_move_head) on its connection.
  explicit AuditHeadInTransaction(std::function<WriterStatements&(Connection&)> statements)
      : statements_(std::move(statements)) {}

  // The head, read from the table if this transaction has not yet read it.
  Result<Head> Current(Connection& connection) {
    if (head_) return *head_;
    Statement& select = statements_(connection).audit_head;
    ResetOnExit reset(select);
    if (!select.Step()) {
      return select.status().ok() ? Status::Internal("audit head is missing") : select.status();
    }
    head_ = Head{select.Int(0), select.Text(1)};
    return *head_;
  }
  // The row `seq` with `hash` was appended in this transaction.
  void Advance(std::int64_t seq, std::string hash) {
    head_ = Head{seq, std::move(hash)};
    moved_ = true;
  }

  void Began() override {
    head_.reset();
    moved_ = false;
  }
  void RequestStarted() override { before_request_ = {head_, moved_}; }
  void RequestUndone() override { std::tie(head_, moved_) = before_request_; }
  Status BeforeCommit(Connection& connection) override {
    if (!moved_ || !head_) return Status::Ok();
    Statement& move = statements_(connection).audit_move_head;
    ResetOnExit reset(move);
    move.Bind(1, head_->seq).Bind(2, head_->hash);
    return move.Run();
  }

 private:
  std::function<WriterStatements&(Connection&)> statements_;
  std::optional<Head> head_;
  bool moved_ = false;
  std::pair<std::optional<Head>, bool> before_request_;
};

// A connection that only reads (query_only), with its read transaction's
// BEGIN and COMMIT prepared once.
struct Reader {
  explicit Reader(std::unique_ptr<Connection> opened)
      : connection(std::move(opened)), begin(*connection, "BEGIN"), commit(*connection, "COMMIT") {}
  std::unique_ptr<Connection> connection;
  Statement begin;
  Statement commit;
};

// Readers lent one at a time. With WAL, readers see the last commit and
// never wait for the writer's fsync.
class ReaderPool {
 public:
  explicit ReaderPool(std::vector<std::unique_ptr<Reader>> readers) : readers_(std::move(readers)) {
    for (const std::unique_ptr<Reader>& reader : readers_) free_.push_back(reader.get());
  }

  class Lease {
   public:
    explicit Lease(ReaderPool& pool) : pool_(pool) {
      std::unique_lock lock(pool_.mutex_);
      pool_.available_.wait(lock, [&] { return !pool_.free_.empty(); });
      reader_ = pool_.free_.back();
      pool_.free_.pop_back();
    }
    ~Lease() {
      {
        std::lock_guard lock(pool_.mutex_);
        pool_.free_.push_back(reader_);
      }
      pool_.available_.notify_one();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Reader& reader() { return *reader_; }

   private:
    ReaderPool& pool_;
    Reader* reader_ = nullptr;
  };

 private:
  std::vector<std::unique_ptr<Reader>> readers_;
  std::vector<Reader*> free_;
  std::mutex mutex_;
  std::condition_variable available_;
};

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Reader>> readers)
      : readers_(std::move(readers)),
        audit_head_([this](Connection& connection) -> WriterStatements& {
          return Prepared(connection);
        }),
        writer_(std::move(writer), &audit_head_) {}

  Result<Id> AddProgram(const domain::Program& program, const Actor& actor) override {
    if (program.name.empty()) return Status::InvalidArgument("name", "must not be empty");
    return AddOne(program, actor, "program.add", "program", std::nullopt);
  }
  Result<Id> AddTeam(const domain::Team& team, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateTeam(team));
    return AddOne(team, actor, "team.add", "team", std::nullopt);
  }
  Result<Id> AddStaff(const domain::Staff& staff, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateStaff(staff));
    return AddOne(staff, actor, "staff.add", "staff", std::nullopt);
  }
  Result<Id> AddCertification(const domain::Certification& certification,
                              const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateCertification(certification));
    return AddOne(certification, actor, "certification.add", "certification", std::nullopt);
  }
  Result<Id> AddPerson(const domain::Person& person, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidatePerson(person));
    return AddOne(person, actor, "person.add", "person", std::nullopt, /*own_person=*/true);
  }
  Status UpdatePersonProfile(Id person_id, const std::string& pronouns,
                             const std::string& self_description, const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::Person person, sql::GetPerson(connection, person_id));
      std::string changed;
      if (person.pronouns != pronouns) changed = "pronouns";
      if (person.self_description != self_description) {
        changed += changed.empty() ? "self_description" : ", self_description";
      }
      person.pronouns = pronouns;
      person.self_description = self_description;
      ALONGSIDE_RETURN_IF_ERROR(domain::ValidatePerson(person));
      Statement update(connection,
                       "UPDATE people SET pronouns = ?2, self_description = ?3 WHERE id = ?1");
      update.Bind(1, person_id).Bind(2, pronouns).Bind(3, self_description);
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      return AppendAuditIn(connection,
                           Entry(actor, "person.profile", "person", person_id, person_id, "ok",
                                 changed.empty() ? "unchanged" : changed));
    });
  }
  Result<Id> AddAssignment(const domain::Assignment& assignment, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateAssignment(assignment));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      // No second assignment of the same person to the same worker that is
      // in force on or after this one's start.
      Statement overlap(connection,
                        "SELECT 1 FROM assignments WHERE person_id = ?1 AND worker_id = ?2 AND "
                        "(end_on IS NULL OR end_on > ?3) AND (CAST(?4 AS BIGINT) IS NULL OR start_on < ?4)");
      overlap.Bind(1, assignment.person_id)
          .Bind(2, assignment.worker_id)
          .Bind(3, assignment.start_on)
          .Bind(4, assignment.end_on);
      if (overlap.Step()) {
        return Status::Conflict("this person is already assigned to this worker for those days");
      }
      ALONGSIDE_RETURN_IF_ERROR(overlap.status());
      Inserts& inserts = Prepared(connection).inserts;
      Result<Id> id = inserts.Insert(assignment);
      if (!id.ok()) return id.status();
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection,
          Entry(actor, "assignment.add", "assignment", *id, assignment.person_id, "ok", "")));
      return id;
    });
  }
  Result<Id> AddSupervisionSession(const domain::SupervisionSession& session,
                                   const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateSupervisionSession(session));
    return AddOne(session, actor, "supervision.add", "supervision_session", std::nullopt);
  }
  Result<Id> AddAdmission(const domain::Admission& admission, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateAdmission(admission));
    return AddOne(admission, actor, "admission.add", "admission", admission.person_id);
  }

  Result<Id> RecordContact(Id person_id, Id worker_id, const domain::ContactVersion& first,
                           const Actor& actor) override {
    domain::ContactVersion version = first;
    version.version = 1;
    version.amends_version.reset();
    ALONGSIDE_RETURN_IF_ERROR(
        domain::ValidateContactVersion(version, domain::ActivityCatalog::Default()));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(
          RequireRows(connection, person_id, "person_id", worker_id, "worker_id"));
      Inserts& inserts = Prepared(connection).inserts;
      Result<Id> id = inserts.InsertContactRow(0, person_id, worker_id, version);
      if (!id.ok()) return id.status();
      const std::vector<domain::LanguageFlag> review = ReviewOf(version);
      ALONGSIDE_RETURN_IF_ERROR(inserts.Insert(*id, version, review.size()));
      ALONGSIDE_ASSIGN_OR_RETURN(
          size_t raised, RaiseDrift(connection, *id, worker_id, version, review));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "contact.record", "contact", *id, person_id, "ok",
                            ContactAuditDetail(version, raised))));
      return id;
    });
  }

  Result<int> AppendContactVersion(Id contact_id, const ContactTransition& next,
                                   const Actor& actor, const std::string& action) override {
    return writer_.Submit<Result<int>>([&](Connection& connection) -> Result<int> {
      Result<domain::Contact> contact = LoadContactIn(connection, contact_id);
      if (!contact.ok()) return contact.status();
      Result<domain::ContactVersion> proposed = next(*contact);
      if (!proposed.ok()) return proposed.status();
      domain::ContactVersion version = std::move(proposed).value();
      version.version = contact->latest().version + 1;
      ALONGSIDE_RETURN_IF_ERROR(
          domain::ValidateContactVersion(version, domain::ActivityCatalog::Default()));
      Inserts& inserts = Prepared(connection).inserts;
      const std::vector<domain::LanguageFlag> review = ReviewOf(version);
      ALONGSIDE_RETURN_IF_ERROR(inserts.Insert(contact_id, version, review.size()));
      ALONGSIDE_ASSIGN_OR_RETURN(
          size_t raised, RaiseDrift(connection, contact_id, contact->worker_id, version, review));
      Statement update(connection,
                       "UPDATE contacts SET start_at = ?1, end_at = ?2, status = ?3,"
                       " current_version = ?4, finalised_at = coalesce(finalised_at, ?6),"
                       " activities = ?7 WHERE id = ?5");
      update.Bind(1, version.start)
          .Bind(2, version.end)
          .Bind(3, domain::Name(version.status))
          .Bind(4, version.version)
          .Bind(5, contact_id)
          .Bind(6, FinalisedAt(version))
          .Bind(7, JoinCodes(version.activities));
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection,
          Entry(actor, action, "contact", contact_id, contact->person_id, "ok",
                ContactAuditDetail(version, raised))));
      return version.version;
    });
  }

  Result<domain::Contact> GetContact(Id contact_id) override {
    return Read<Result<domain::Contact>>([&](Connection& connection) -> Result<domain::Contact> {
      return LoadContactIn(connection, contact_id);
    });
  }

  Result<Id> AddGoal(Id person_id, const domain::GoalVersion& first,
                     const Actor& actor) override {
    domain::GoalVersion version = first;
    version.version = 1;
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateGoalVersion(version));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, person_id, "person_id"));
      Inserts& inserts = Prepared(connection).inserts;
      Result<Id> id = inserts.InsertGoalRow(0, person_id, version);
      if (!id.ok()) return id.status();
      ALONGSIDE_RETURN_IF_ERROR(inserts.Insert(*id, version));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "goal.add", "goal", *id, person_id, "ok", "version 1")));
      return id;
    });
  }

  Result<int> AppendGoalVersion(Id goal_id, const GoalTransition& next, const Actor& actor,
                                const std::string& action) override {
    return writer_.Submit<Result<int>>([&](Connection& connection) -> Result<int> {
      Result<domain::Goal> goal = LoadGoalIn(connection, goal_id);
      if (!goal.ok()) return goal.status();
      Result<domain::GoalVersion> proposed = next(*goal);
      if (!proposed.ok()) return proposed.status();
      domain::GoalVersion version = std::move(proposed).value();
      version.version = goal->latest().version + 1;
      ALONGSIDE_RETURN_IF_ERROR(domain::ValidateGoalVersion(version));
      Inserts& inserts = Prepared(connection).inserts;
      ALONGSIDE_RETURN_IF_ERROR(inserts.Insert(goal_id, version));
      Statement update(connection,
                       "UPDATE goals SET status = ?1, current_version = ?2 WHERE id = ?3");
      update.Bind(1, domain::Name(version.status)).Bind(2, version.version).Bind(3, goal_id);
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      ALONGSIDE_RETURN_IF_ERROR(
          AppendAuditIn(connection, Entry(actor, action, "goal", goal_id, goal->person_id, "ok",
                                          fmt::format("version {}", version.version))));
      return version.version;
    });
  }

  Result<domain::Goal> GetGoal(Id goal_id) override {
    return Read<Result<domain::Goal>>([&](Connection& connection) -> Result<domain::Goal> {
      return LoadGoalIn(connection, goal_id);
    });
  }

  Result<Id> AddGoalProgress(const domain::GoalProgress& progress, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateGoalProgress(progress));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      Statement owner(connection, "SELECT person_id FROM goals WHERE id = ?1");
      owner.Bind(1, progress.goal_id);
      if (!owner.Step()) {
        ALONGSIDE_RETURN_IF_ERROR(owner.status());
        return Status::InvalidArgument("goal_id", "no such goal");
      }
      Id person_id = owner.Int(0);
      Inserts& inserts = Prepared(connection).inserts;
      Result<Id> id = inserts.Insert(progress);
      if (!id.ok()) return id.status();
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "goal.progress", "goal_progress", *id, person_id, "ok", "")));
      return id;
    });
  }

  Status Load(const LoadBatch& batch, const Actor& actor) override {
    const domain::ActivityCatalog& catalog = domain::ActivityCatalog::Default();
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Inserts& inserts = Prepared(connection).inserts;
      ALONGSIDE_RETURN_IF_ERROR(LoadAll(connection, inserts, batch.programs, actor, "program",
                                        [](const domain::Program&) { return Status::Ok(); }));
      ALONGSIDE_RETURN_IF_ERROR(
          LoadAll(connection, inserts, batch.teams, actor, "team", domain::ValidateTeam));
      ALONGSIDE_RETURN_IF_ERROR(
          LoadAll(connection, inserts, batch.staff, actor, "staff", domain::ValidateStaff));
      ALONGSIDE_RETURN_IF_ERROR(LoadAll(connection, inserts, batch.certifications, actor,
                                        "certification", domain::ValidateCertification));
      ALONGSIDE_RETURN_IF_ERROR(
          LoadAll(connection, inserts, batch.people, actor, "person", domain::ValidatePerson));
      ALONGSIDE_RETURN_IF_ERROR(LoadAll(connection, inserts, batch.assignments, actor, "assignment",
                                        domain::ValidateAssignment));
      bool ids_given = true;
      for (const domain::Contact& contact : batch.contacts) {
        if (contact.versions.empty()) return Status::InvalidArgument("versions", "empty contact");
        for (const domain::ContactVersion& version : contact.versions) {
          ALONGSIDE_RETURN_IF_ERROR(domain::ValidateContactVersion(version, catalog));
        }
        ids_given = ids_given && contact.id > 0;
      }
      if (ids_given) {
        ALONGSIDE_RETURN_IF_ERROR(LoadContactsByChunks(connection, batch.contacts));
      } else {
        for (const domain::Contact& contact : batch.contacts) {
          Result<Id> id = inserts.InsertContactRow(contact.id, contact.person_id,
                                                   contact.worker_id, contact.latest());
          if (!id.ok()) return id.status();
          for (const domain::ContactVersion& version : contact.versions) {
            const std::vector<domain::LanguageFlag> review = ReviewOf(version);
            ALONGSIDE_RETURN_IF_ERROR(inserts.Insert(*id, version, review.size()));
            Result<size_t> raised =
                RaiseDrift(connection, *id, contact.worker_id, version, review);
            if (!raised.ok()) return raised.status();
          }
        }
      }
      ALONGSIDE_RETURN_IF_ERROR(AuditLoad(connection, actor, "contact", batch.contacts.size()));
      for (const domain::Goal& goal : batch.goals) {
        if (goal.versions.empty()) return Status::InvalidArgument("versions", "empty goal");
        for (const domain::GoalVersion& version : goal.versions) {
          ALONGSIDE_RETURN_IF_ERROR(domain::ValidateGoalVersion(version));
        }
        Result<Id> id = inserts.InsertGoalRow(goal.id, goal.person_id, goal.latest());
        if (!id.ok()) return id.status();
        for (const domain::GoalVersion& version : goal.versions) {
          ALONGSIDE_RETURN_IF_ERROR(inserts.Insert(*id, version));
        }
      }
      ALONGSIDE_RETURN_IF_ERROR(AuditLoad(connection, actor, "goal", batch.goals.size()));
      ALONGSIDE_RETURN_IF_ERROR(LoadAll(connection, inserts, batch.goal_progress, actor,
                                        "goal_progress", domain::ValidateGoalProgress));
      ALONGSIDE_RETURN_IF_ERROR(LoadAll(connection, inserts, batch.supervision_sessions, actor,
                                        "supervision_session", domain::ValidateSupervisionSession));
      ALONGSIDE_RETURN_IF_ERROR(LoadAll(connection, inserts, batch.admissions, actor, "admission",
                                        domain::ValidateAdmission));
      ALONGSIDE_RETURN_IF_ERROR(LoadPlansAndSafety(connection, batch, actor));
      return SyncIdSequences(connection);
    });
  }

  Result<domain::Person> GetPerson(Id person_id) override {
    return Read<Result<domain::Person>>([&](Connection& connection) -> Result<domain::Person> {
      return sql::GetPerson(connection, person_id);
    });
  }
  Result<std::vector<PersonRow>> ListPeople(const PeopleQuery& query) override {
    return Read<Result<std::vector<PersonRow>>>(
        [&](Connection& connection) -> Result<std::vector<PersonRow>> {
          return sql::ListPeople(connection, query);
        });
  }
  Result<std::vector<ContactRow>> ListContacts(const ContactQuery& query) override {
    return Read<Result<std::vector<ContactRow>>>(
        [&](Connection& connection) -> Result<std::vector<ContactRow>> {
          return sql::ListContacts(connection, query);
        });
  }
  Result<std::int64_t> CountContacts(const ContactQuery& query) override {
    return Read<Result<std::int64_t>>([&](Connection& connection) -> Result<std::int64_t> {
      return sql::CountContacts(connection, query);
    });
  }
  Result<std::vector<domain::Goal>> ListGoals(Id person_id) override {
    return Read<Result<std::vector<domain::Goal>>>(
        [&](Connection& connection) -> Result<std::vector<domain::Goal>> {
          Result<std::vector<Id>> ids = sql::GoalIdsOf(connection, person_id);
          if (!ids.ok()) return ids.status();
          std::vector<domain::Goal> goals;
          for (Id goal_id : *ids) {
            Result<domain::Goal> goal = LoadGoalIn(connection, goal_id);
            if (!goal.ok()) return goal.status();
            goals.push_back(std::move(goal).value());
          }
          return goals;
        });
  }
  Result<std::vector<domain::GoalProgress>> ListGoalProgress(Id goal_id) override {
    return Read<Result<std::vector<domain::GoalProgress>>>(
        [&](Connection& connection) -> Result<std::vector<domain::GoalProgress>> {
          return sql::ListGoalProgress(connection, goal_id);
        });
  }
  Result<std::vector<GoalDue>> GoalsDueForReview(const std::vector<Id>& worker_ids,
                                                 Day today) override {
    return Read<Result<std::vector<GoalDue>>>(
        [&](Connection& connection) -> Result<std::vector<GoalDue>> {
          return sql::GoalsDueForReview(connection, worker_ids, today);
        });
  }
  Result<domain::Staff> GetStaff(Id staff_id) override {
    return Read<Result<domain::Staff>>([&](Connection& connection) -> Result<domain::Staff> {
      return sql::GetStaff(connection, staff_id);
    });
  }
  Result<std::vector<domain::Staff>> ListStaff(const StaffQuery& query) override {
    return Read<Result<std::vector<domain::Staff>>>(
        [&](Connection& connection) -> Result<std::vector<domain::Staff>> {
          return sql::ListStaff(connection, query);
        });
  }
  Result<std::vector<domain::Team>> ListTeams() override {
    return Read<Result<std::vector<domain::Team>>>(
        [&](Connection& connection) -> Result<std::vector<domain::Team>> {
          return sql::ListTeams(connection);
        });
  }
  Result<std::vector<domain::Assignment>> ListAssignments(const AssignmentQuery& query) override {
    return Read<Result<std::vector<domain::Assignment>>>(
        [&](Connection& connection) -> Result<std::vector<domain::Assignment>> {
          return sql::ListAssignments(connection, query);
        });
  }
  Result<std::vector<domain::SupervisionSession>> ListSupervision(
      const SupervisionQuery& query) override {
    return Read<Result<std::vector<domain::SupervisionSession>>>(
        [&](Connection& connection) -> Result<std::vector<domain::SupervisionSession>> {
          return sql::ListSupervision(connection, query);
        });
  }
  Result<ProgramSettings> GetProgramSettings() override {
    return Read<Result<ProgramSettings>>([&](Connection& connection) -> Result<ProgramSettings> {
      return sql::GetProgramSettings(connection);
    });
  }
  Status SaveProgramSettings(const ProgramSettings& settings, const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Statement update(connection, "UPDATE program_settings SET time_zone = ?1,"
                                   " safety_review_hours = ?2 WHERE only_row = 1");
      update.Bind(1, settings.time_zone).Bind(2, settings.safety_review_hours);
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      return AppendAuditIn(connection,
                           Entry(actor, "settings.save", "program_settings", 1, std::nullopt, "ok",
                                 fmt::format("time_zone={} safety_review_hours={}",
                                             settings.time_zone, settings.safety_review_hours)));
    });
  }

  Result<Id> AddPlannedContact(const domain::PlannedContact& plan, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidatePlannedContact(plan));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(
          RequireRows(connection, plan.person_id, "person_id", plan.worker_id, "worker_id"));
      Statement insert(connection,
                       "INSERT INTO planned_contacts(person_id, worker_id, at, setting, place, "
                       "purpose, status, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) RETURNING id");
      insert.Bind(1, plan.person_id).Bind(2, plan.worker_id).Bind(3, plan.at)
          .Bind(4, domain::Name(plan.setting)).Bind(5, plan.place).Bind(6, plan.purpose)
          .Bind(7, domain::Name(plan.status)).Bind(8, plan.created_at);
      Result<Id> inserted = InsertReturningId(insert);
      if (!inserted.ok()) return inserted.status();
      const Id id = *inserted;
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "plan.add", "planned_contact", id, plan.person_id, "ok", "")));
      return id;
    });
  }
  Result<domain::PlannedContact> GetPlannedContact(Id plan_id) override {
    return Read<Result<domain::PlannedContact>>(
        [&](Connection& connection) -> Result<domain::PlannedContact> {
          return sql::GetPlannedContact(connection, plan_id);
        });
  }
  Status SetPlanStatus(Id plan_id, domain::PlanStatus status, const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Statement update(connection,
                       "UPDATE planned_contacts SET status = ?2 WHERE id = ?1 RETURNING person_id");
      update.Bind(1, plan_id).Bind(2, domain::Name(status));
      if (!update.Step()) {
        ALONGSIDE_RETURN_IF_ERROR(update.status());
        return Status::NotFound("no such planned contact");
      }
      const Id person_id = update.Int(0);
      update.Reset();
      return AppendAuditIn(connection, Entry(actor, "plan.status", "planned_contact", plan_id,
                                             person_id, "ok", std::string(domain::Name(status))));
    });
  }
  Result<Id> AddContactAttempt(const domain::ContactAttempt& attempt, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateContactAttempt(attempt));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, attempt.person_id, "person_id",
                                            attempt.worker_id, "worker_id"));
      Statement insert(connection,
                       "INSERT INTO contact_attempts(person_id, worker_id, at, setting) "
                       "VALUES (?1,?2,?3,?4) RETURNING id");
      insert.Bind(1, attempt.person_id).Bind(2, attempt.worker_id).Bind(3, attempt.at)
          .Bind(4, domain::Name(attempt.setting));
      Result<Id> inserted = InsertReturningId(insert);
      if (!inserted.ok()) return inserted.status();
      const Id id = *inserted;
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(connection, Entry(actor, "attempt.add", "contact_attempt",
                                                                id, attempt.person_id, "ok", "")));
      return id;
    });
  }
  Result<std::vector<domain::ContactAttempt>> ListContactAttempts(Id person_id,
                                                                  int limit) override {
    return Read<Result<std::vector<domain::ContactAttempt>>>(
        [&](Connection& connection) -> Result<std::vector<domain::ContactAttempt>> {
          return sql::ListContactAttempts(connection, person_id, limit);
        });
  }
  Result<std::vector<domain::DriftFlag>> ListDriftFlags(const DriftQuery& query) override {
    return Read<Result<std::vector<domain::DriftFlag>>>(
        [&](Connection& connection) { return sql::ListDriftFlags(connection, query); });
  }
  Result<domain::DriftFlag> GetDriftFlag(Id flag_id) override {
    return Read<Result<domain::DriftFlag>>(
        [&](Connection& connection) { return sql::GetDriftFlag(connection, flag_id); });
  }
  Status ResolveDriftFlag(Id flag_id, const DriftTransition& resolve,
                          const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::DriftFlag flag, sql::GetDriftFlag(connection, flag_id));
      ALONGSIDE_ASSIGN_OR_RETURN(domain::DriftFlag resolved, resolve(flag));
      if (!resolved.resolution || !resolved.resolved_by || !resolved.resolved_at) {
        return Status::Internal("a drift resolution names how, by whom and when");
      }
      Statement update(connection,
                       "UPDATE drift_flags SET resolution = ?1, resolution_note = ?2,"
                       " resolved_by = ?3, resolved_at = ?4, supervision_session_id = ?5"
                       " WHERE id = ?6 AND resolution IS NULL RETURNING id");
      update.Bind(1, domain::Name(*resolved.resolution))
          .Bind(2, resolved.resolution_note)
          .Bind(3, resolved.resolved_by)
          .Bind(4, resolved.resolved_at)
          .Bind(5, resolved.supervision_session_id)
          .Bind(6, flag_id);
      if (!update.Step()) {
        ALONGSIDE_RETURN_IF_ERROR(RefusedReference(update.status(), "supervision_session_id"));
        return Status::Conflict("this drift flag was already resolved");
      }
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      return AppendAuditIn(
          connection, Entry(actor, "drift.resolve", "drift_flag", flag_id, flag.person_id, "ok",
                            fmt::format("{} ({})", domain::Name(*resolved.resolution), flag.code)));
    });
  }
  Result<std::vector<GuardrailCounts>> GuardrailCountsOf(const std::vector<Id>& worker_ids) override {
    return Read<Result<std::vector<GuardrailCounts>>>(
        [&](Connection& connection) { return sql::GuardrailCountsOf(connection, worker_ids); });
  }
  Result<Id> AddAdviceRequest(const domain::AdviceRequest& request, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateAdviceRequest(request));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireContactOf(connection, request.contact_id, request.person_id));
      Statement insert(connection,
                       "INSERT INTO advice_requests(contact_id, person_id, worker_id, recorded_at,"
                       " asked, role_clarified, supported_decision, experience_shared,"
                       " safety_addressed, clinical_connection_offered, note)"
                       " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) RETURNING id");
      insert.Bind(1, request.contact_id).Bind(2, request.person_id).Bind(3, request.worker_id)
          .Bind(4, request.recorded_at).Bind(5, request.asked);
      for (size_t step = 0; step < request.steps.size(); ++step) {
        insert.Bind(6 + static_cast<int>(step), domain::Name(request.steps[step]));
      }
      insert.Bind(11, request.note);
      Result<Id> id = InsertReturningId(insert);
      if (!id.ok()) return RefusedReference(id.status(), "worker_id");
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "advice.record", "advice_request", *id, request.person_id,
                            "ok", fmt::format("on contact {}", request.contact_id))));
      return id;
    });
  }
  Result<std::vector<domain::AdviceRequest>> ListAdviceRequests(
      const GuardrailQuery& query) override {
    return Read<Result<std::vector<domain::AdviceRequest>>>(
        [&](Connection& connection) { return sql::ListAdviceRequests(connection, query); });
  }
  Result<Id> AddBoundaryRecord(const domain::BoundaryRecord& record, const Actor& actor) override {
    ALONGSIDE_RETURN_IF_ERROR(domain::ValidateBoundaryRecord(record));
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireContactOf(connection, record.contact_id, record.person_id));
      Statement insert(connection,
                       "INSERT INTO boundary_events(contact_id, person_id, worker_id, recorded_at,"
                       " kind, gift_value_cents, invitation_public, supports_integration,"
                       " repeated, during_crisis, guidance, guidance_rules, decision,"
                       " conversation, supervisor_consulted, consultation)"
                       " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)"
                       " RETURNING id");
      const domain::BoundaryEvent& event = record.event;
      insert.Bind(1, record.contact_id).Bind(2, record.person_id).Bind(3, record.worker_id)
          .Bind(4, record.recorded_at).Bind(5, domain::Name(event.kind))
          .Bind(6, event.gift_value_cents).Bind(7, event.invitation_public ? 1 : 0)
          .Bind(8, event.invitation_supports_community_integration ? 1 : 0)
          .Bind(9, event.repeated ? 1 : 0).Bind(10, event.during_crisis ? 1 : 0)
          .Bind(11, domain::Name(record.guidance)).Bind(12, JoinCodes(record.guidance_rules))
          .Bind(13, domain::Name(record.decision)).Bind(14, record.conversation)
          .Bind(15, record.supervisor_consulted ? 1 : 0).Bind(16, record.consultation);
      Result<Id> id = InsertReturningId(insert);
      if (!id.ok()) return RefusedReference(id.status(), "worker_id");
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "boundary.record", "boundary_event", *id, record.person_id,
                            "ok", fmt::format("{} on contact {}", domain::Name(event.kind),
                                              record.contact_id))));
      return id;
    });
  }
  Result<std::vector<domain::BoundaryRecord>> ListBoundaryRecords(
      const GuardrailQuery& query) override {
    return Read<Result<std::vector<domain::BoundaryRecord>>>(
        [&](Connection& connection) { return sql::ListBoundaryRecords(connection, query); });
  }
  Result<domain::SupervisionSession> GetSupervisionSession(Id session_id) override {
    return Read<Result<domain::SupervisionSession>>(
        [&](Connection& connection) { return sql::GetSupervisionSession(connection, session_id); });
  }
  Result<Id> AddPersonPlan(const domain::PersonPlan& plan, const Actor& actor) override {
    if (plan.versions.size() != 1) {
      return Status::InvalidArgument("versions", "a new plan has exactly one version");
    }
    domain::PersonPlan first = plan;
    first.versions.front().version = 1;
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, first.person_id, "person_id"));
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertPersonPlan(connection, first));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "plan.add", "plan", id, first.person_id, "ok",
                            fmt::format("{} plan, version 1", domain::Name(first.kind)))));
      return id;
    });
  }
  Result<int> AppendPlanVersion(Id plan_id, const PlanTransition& next, const Actor& actor,
                                const std::string& action) override {
    return writer_.Submit<Result<int>>([&](Connection& connection) -> Result<int> {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan, sql::LoadPersonPlan(connection, plan_id));
      ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanVersion version, next(plan));
      version.version = plan.latest().version + 1;
      ALONGSIDE_RETURN_IF_ERROR(sql::InsertPlanVersion(connection, plan_id, version));
      ALONGSIDE_RETURN_IF_ERROR(
          AppendAuditIn(connection, Entry(actor, action, "plan", plan_id, plan.person_id, "ok",
                                          fmt::format("version {}", version.version))));
      return version.version;
    });
  }
  Status SetPlanSharing(Id plan_id, const std::vector<domain::PlanAudience>& shared_with,
                        const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::PersonPlan plan, sql::LoadPersonPlan(connection, plan_id));
      ALONGSIDE_RETURN_IF_ERROR(sql::UpdatePlanSharing(connection, plan_id, shared_with));
      std::string audiences;
      for (domain::PlanAudience audience : shared_with) {
        if (!audiences.empty()) audiences += ',';
        audiences += domain::Name(audience);
      }
      return AppendAuditIn(connection,
                           Entry(actor, "plan.share", "plan", plan_id, plan.person_id, "ok",
                                 fmt::format("shared with: {}",
                                             audiences.empty() ? "peer worker only" : audiences)));
    });
  }
  Result<domain::PersonPlan> GetPersonPlan(Id plan_id) override {
    return Read<Result<domain::PersonPlan>>(
        [&](Connection& connection) { return sql::LoadPersonPlan(connection, plan_id); });
  }
  Result<std::vector<domain::PersonPlan>> ListPersonPlans(Id person_id) override {
    return Read<Result<std::vector<domain::PersonPlan>>>(
        [&](Connection& connection) { return sql::ListPersonPlans(connection, person_id); });
  }
  Result<std::vector<PlanDue>> PlansDueForReview(const std::vector<Id>& worker_ids,
                                                 Day today) override {
    return Read<Result<std::vector<PlanDue>>>([&](Connection& connection) {
      return sql::PlansDueForReview(connection, worker_ids, today);
    });
  }

  Result<std::vector<domain::WorkerPractice>> PracticeForFidelity(
      const FidelityQuery& query) override {
    return Read<Result<std::vector<domain::WorkerPractice>>>(
        [&](Connection& connection) { return sql::PracticeForFidelity(connection, query); });
  }

  Result<Id> OpenSafetyEvent(const domain::SafetyEvent& event,
                             const std::vector<domain::Notification>& notify,
                             const Actor& actor) override {
    if (!event.steps.empty() || !event.reviews.empty()) {
      return Status::InvalidArgument("steps", "a safety event opens with no step");
    }
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(
          RequireRows(connection, event.person_id, "person_id", event.worker_id, "worker_id"));
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertSafetyEvent(connection, event));
      ALONGSIDE_RETURN_IF_ERROR(sql::InsertNotifications(connection, notify, id));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "safety.open", "safety_event", id, event.person_id, "ok",
                            std::string(domain::Name(event.kind)))));
      return id;
    });
  }
  Result<int> AppendSafetyStep(Id event_id, const SafetyTransition& next,
                               const Actor& actor) override {
    return writer_.Submit<Result<int>>([&](Connection& connection) -> Result<int> {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::SafetyEvent event,
                                 sql::LoadSafetyEvent(connection, event_id));
      ALONGSIDE_ASSIGN_OR_RETURN(SafetyStepWrite write, next(event));
      const int seq = static_cast<int>(event.steps.size()) + 1;
      ALONGSIDE_RETURN_IF_ERROR(sql::InsertSafetyStep(connection, event_id, seq, write.step));
      ALONGSIDE_RETURN_IF_ERROR(sql::InsertNotifications(connection, write.notify, event_id));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "safety.step", "safety_event", event_id, event.person_id, "ok",
                            fmt::format("step {}: {}", seq, domain::Name(write.step.step)))));
      return seq;
    });
  }
  Result<Id> AddSafetyReview(const domain::SafetyReview& review, const Actor& actor) override {
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::SafetyEvent event,
                                 sql::LoadSafetyEvent(connection, review.event_id));
      Result<Id> id = sql::InsertSafetyReview(connection, review);
      if (!id.ok()) return RefusedReference(id.status(), "reviewer_id");
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "safety.review", "safety_event", review.event_id,
                            event.person_id, "ok", std::string(domain::Name(review.reviewer_role)))));
      return id;
    });
  }
  Result<domain::SafetyEvent> GetSafetyEvent(Id event_id) override {
    return Read<Result<domain::SafetyEvent>>(
        [&](Connection& connection) { return sql::LoadSafetyEvent(connection, event_id); });
  }
  Result<std::vector<domain::SafetyEvent>> ListSafetyEvents(const SafetyQuery& query) override {
    return Read<Result<std::vector<domain::SafetyEvent>>>(
        [&](Connection& connection) { return sql::ListSafetyEvents(connection, query); });
  }

  Result<std::vector<domain::Notification>> DueNotifications(Instant now, int limit) override {
    return Read<Result<std::vector<domain::Notification>>>(
        [&](Connection& connection) { return sql::DueNotifications(connection, now, limit); });
  }
  Status MarkNotificationDelivered(Id notification_id, Instant at) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Statement update(connection,
                       "UPDATE notifications SET delivered_at = ?1, attempts = attempts + 1,"
                       " last_error = '' WHERE id = ?2 AND delivered_at IS NULL");
      update.Bind(1, at).Bind(2, notification_id);
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      return update.Changes() > 0 ? Status::Ok() : NotificationKnown(connection, notification_id);
    });
  }
  Status MarkNotificationFailed(Id notification_id, const std::string& error,
                                Instant next_attempt_at) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Statement update(connection,
                       "UPDATE notifications SET attempts = attempts + 1, last_error = ?1,"
                       " next_attempt_at = ?2 WHERE id = ?3 AND delivered_at IS NULL");
      update.Bind(1, error.substr(0, 500)).Bind(2, next_attempt_at).Bind(3, notification_id);
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      return update.Changes() > 0 ? Status::Ok() : NotificationKnown(connection, notification_id);
    });
  }
  Result<std::vector<domain::Notification>> ListNotifications(std::optional<Id> recipient_staff_id,
                                                              bool undelivered_only,
                                                              int limit) override {
    return Read<Result<std::vector<domain::Notification>>>([&](Connection& connection) {
      return sql::ListNotifications(connection, recipient_staff_id, undelivered_only, limit);
    });
  }

  Result<std::vector<PlannedContactRow>> ListPlannedContacts(const PlanQuery& query) override {
    return Read<Result<std::vector<PlannedContactRow>>>(
        [&](Connection& connection) -> Result<std::vector<PlannedContactRow>> {
          return sql::ListPlannedContacts(connection, query);
        });
  }

  Result<std::vector<domain::Admission>> ListAdmissions(Id person_id) override {
    return Read<Result<std::vector<domain::Admission>>>(
        [&](Connection& connection) -> Result<std::vector<domain::Admission>> {
          return sql::ListAdmissions(connection, person_id);
        });
  }
  Result<std::vector<domain::Certification>> ListCertifications(Id staff_id) override {
    return Read<Result<std::vector<domain::Certification>>>(
        [&](Connection& connection) -> Result<std::vector<domain::Certification>> {
          return sql::ListCertifications(connection, staff_id);
        });
  }
  Result<std::vector<CaseloadRow>> Caseloads(std::optional<Id> team_id, Instant now) override {
    return Read<Result<std::vector<CaseloadRow>>>(
        [&](Connection& connection) -> Result<std::vector<CaseloadRow>> {
          return sql::Caseloads(connection, team_id, now);
        });
  }
  Result<std::vector<WeeklyCount>> ContactsPerWeek(Instant from, Instant until) override {
    return Read<Result<std::vector<WeeklyCount>>>(
        [&](Connection& connection) -> Result<std::vector<WeeklyCount>> {
          return sql::ContactsPerWeek(connection, from, until);
        });
  }
  Result<std::vector<CaseloadRow>> CaseloadsOf(const std::vector<Id>& worker_ids,
                                               Instant now) override {
    return Read<Result<std::vector<CaseloadRow>>>(
        [&](Connection& connection) -> Result<std::vector<CaseloadRow>> {
          return sql::CaseloadsOf(connection, worker_ids, now);
        });
  }
  Result<std::vector<WorkerCount>> CountContactsByWorker(const ContactQuery& query) override {
    return Read<Result<std::vector<WorkerCount>>>(
        [&](Connection& connection) -> Result<std::vector<WorkerCount>> {
          return sql::CountContactsByWorker(connection, query);
        });
  }
  Result<std::vector<SupervisionHeld>> LatestSupervision(
      Id supervisor_id, const std::vector<Id>& supervisee_ids) override {
    return Read<Result<std::vector<SupervisionHeld>>>(
        [&](Connection& connection) -> Result<std::vector<SupervisionHeld>> {
          return sql::LatestSupervision(connection, supervisor_id, supervisee_ids);
        });
  }
  Result<DisplayNames> NamesOf(const std::vector<Id>& staff_ids,
                               const std::vector<Id>& person_ids) override {
    return Read<Result<DisplayNames>>([&](Connection& connection) -> Result<DisplayNames> {
      return sql::NamesOf(connection, staff_ids, person_ids);
    });
  }
  Result<std::vector<Id>> ActiveWorkersOf(Id person_id, Day today) override {
    return Read<Result<std::vector<Id>>>([&](Connection& connection) -> Result<std::vector<Id>> {
      return sql::ActiveWorkersOf(connection, person_id, today);
    });
  }
  Result<std::vector<Id>> SuperviseesOf(Id supervisor_id) override {
    return Read<Result<std::vector<Id>>>([&](Connection& connection) -> Result<std::vector<Id>> {
      return sql::SuperviseesOf(connection, supervisor_id);
    });
  }
  Result<std::vector<Annotation>> ListAnnotations(Id contact_id) override {
    return Read<Result<std::vector<Annotation>>>(
        [&](Connection& connection) -> Result<std::vector<Annotation>> {
          return sql::ListAnnotations(connection, contact_id);
        });
  }

  Result<Id> AddAnnotation(const Annotation& annotation, const Actor& actor) override {
    if (annotation.words.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Status::InvalidArgument("words", "must not be empty");
    }
    if (annotation.words.size() > domain::kMaxTextLength) {
      return Status::InvalidArgument("words", "must be at most 20000 bytes");
    }
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      Statement owner(connection, "SELECT person_id FROM contacts WHERE id = ?1");
      owner.Bind(1, annotation.contact_id);
      if (!owner.Step()) {
        ALONGSIDE_RETURN_IF_ERROR(owner.status());
        return Status::NotFound(fmt::format("no contact {}", annotation.contact_id));
      }
      if (owner.Int(0) != annotation.person_id) {
        return Status::InvalidArgument("person_id", "must be the person the note is about");
      }
      Statement insert(
          connection,
          "INSERT INTO annotations(contact_id, person_id, words, at) VALUES (?1,?2,?3,?4) "
          "RETURNING id");
      insert.Bind(1, annotation.contact_id)
          .Bind(2, annotation.person_id)
          .Bind(3, annotation.words)
          .Bind(4, annotation.at);
      Result<Id> inserted = InsertReturningId(insert);
      if (!inserted.ok()) return inserted.status();
      const Id id = *inserted;
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "contact.annotate", "annotation", id, annotation.person_id, "ok",
                            fmt::format("on contact {}", annotation.contact_id))));
      return id;
    });
  }

  Result<Id> AddAccount(const Account& account, const Actor& actor) override {
    if (account.username.empty() || account.username.size() > 64 ||
        account.username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") !=
            std::string::npos) {
      return Status::InvalidArgument("username", "must be 1..64 of a-z, 0-9, '.', '_', '-'");
    }
    if (account.password_hash.empty()) {
      return Status::InvalidArgument("password", "must be set");
    }
    bool staff = account.kind == AccountKind::kStaff;
    if (staff && (!account.staff_id || !account.role || account.person_id)) {
      return Status::InvalidArgument("staff_id", "a staff account needs a staff id and role");
    }
    if (!staff && (!account.person_id || account.staff_id)) {
      return Status::InvalidArgument("person_id", "a person's account needs their person id");
    }
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(
          staff ? RequireRows(connection, std::nullopt, "", *account.staff_id, "staff_id")
                : RequireRows(connection, *account.person_id, "person_id"));
      Statement insert(connection,
                       "INSERT INTO accounts(username, password_hash, kind, role, staff_id, "
                       "person_id, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7) RETURNING id");
      std::optional<std::string> role;
      if (account.role) role = std::string(domain::Name(*account.role));
      insert.Bind(1, account.username)
          .Bind(2, account.password_hash)
          .Bind(3, staff ? "staff" : "person")
          .Bind(4, role)
          .Bind(5, account.staff_id)
          .Bind(6, account.person_id)
          .Bind(7, account.created_at ? account.created_at : NowUtc());
      Result<Id> inserted = InsertReturningId(insert);
      if (inserted.status().code() == StatusCode::kConflict) {
        return Status::InvalidArgument("username", "is already taken");
      }
      if (!inserted.ok()) return inserted.status();
      const Id id = *inserted;
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection,
          Entry(actor, "account.add", "account", id, account.person_id, "ok", account.username)));
      return id;
    });
  }

  Result<Account> FindAccount(const std::string& username) override {
    return Read<Result<Account>>([&](Connection& connection) -> Result<Account> {
      return sql::FindAccount(connection, username);
    });
  }
  Result<Account> GetAccount(Id account_id) override {
    return Read<Result<Account>>([&](Connection& connection) -> Result<Account> {
      return sql::GetAccount(connection, account_id);
    });
  }
  Result<bool> ClaimSignInAttempt(Id account_id, Instant now, int max_failed,
                                  int lockout_seconds) override {
    // The writer runs one transaction at a time, and on PostgreSQL the row
    // is locked until commit against other servers' writers: the read and
    // the update below cannot interleave with another attempt's.
    return writer_.Submit<Result<bool>>([&](Connection& connection) -> Result<bool> {
      Statement read(connection,
                     fmt::format("SELECT failed_logins, locked_until FROM accounts WHERE id = ?1{}",
                                 sql::ForUpdate(connection.dialect())));
      read.Bind(1, account_id);
      if (!read.Step()) {
        ALONGSIDE_RETURN_IF_ERROR(read.status());
        return Status::NotFound("no such account");
      }
      std::int64_t failed = read.Int(0);
      Instant locked_until = read.Int(1);
      if (locked_until > now) return false;
      if (locked_until != 0) failed = 0;  // the last lock has ended: count afresh
      ++failed;
      Statement update(connection,
                       "UPDATE accounts SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1");
      update.Bind(1, account_id)
          .Bind(2, failed)
          .Bind(3, failed >= max_failed ? now + lockout_seconds : Instant{0});
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      return true;
    });
  }
  Status ChangePassword(Id account_id, const std::string& password_hash,
                        const std::string& keep_token_hash, const Actor& actor) override {
    if (password_hash.empty()) return Status::InvalidArgument("password", "must be set");
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Statement update(connection, "UPDATE accounts SET password_hash = ?2 WHERE id = ?1");
      update.Bind(1, account_id).Bind(2, password_hash);
      ALONGSIDE_RETURN_IF_ERROR(update.Run());
      if (update.Changes() != 1) return Status::NotFound("no such account");
      Statement end(connection, "DELETE FROM sessions WHERE account_id = ?1 AND token_hash != ?2");
      end.Bind(1, account_id).Bind(2, keep_token_hash);
      ALONGSIDE_RETURN_IF_ERROR(end.Run());
      int ended = end.Changes();
      return AppendAuditIn(connection,
                           Entry(actor, "account.change_password", "account", account_id,
                                 std::nullopt, "ok", fmt::format("{} other sessions ended", ended)));
    });
  }
  Status EndSession(const std::string& token_hash, Id account_id, const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      Statement end(connection, "DELETE FROM sessions WHERE token_hash = ?1");
      end.Bind(1, token_hash);
      ALONGSIDE_RETURN_IF_ERROR(end.Run());
      return AppendAuditIn(connection, Entry(actor, "session.sign_out", "account", account_id,
                                             std::nullopt, "ok", ""));
    });
  }
  Result<int> EndOtherSessions(Id account_id, const std::string& keep_token_hash,
                               const Actor& actor) override {
    return writer_.Submit<Result<int>>([&](Connection& connection) -> Result<int> {
      Statement end(connection, "DELETE FROM sessions WHERE account_id = ?1 AND token_hash != ?2");
      end.Bind(1, account_id).Bind(2, keep_token_hash);
      ALONGSIDE_RETURN_IF_ERROR(end.Run());
      int ended = end.Changes();
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "session.sign_out_elsewhere", "account", account_id,
                            std::nullopt, "ok", fmt::format("{} other sessions ended", ended))));
      return ended;
    });
  }
  Status RecordSuccessfulLogin(Id account_id) override {
    return RunOne("UPDATE accounts SET failed_logins = 0, locked_until = 0 WHERE id = ?1",
                  [&](Statement& s) { s.Bind(1, account_id); });
  }
  Status CreateSession(const Session& session) override {
    return RunOne("INSERT INTO sessions(token_hash, account_id, csrf_token, created_at, "
                  "last_seen_at, expires_at) VALUES (?1,?2,?3,?4,?5,?6)",
                  [&](Statement& s) {
                    s.Bind(1, session.token_hash).Bind(2, session.account_id)
                        .Bind(3, session.csrf_token).Bind(4, session.created_at)
                        .Bind(5, session.last_seen_at).Bind(6, session.expires_at);
                  });
  }
  Result<Session> FindSession(const std::string& token_hash) override {
    return Read<Result<Session>>([&](Connection& connection) -> Result<Session> {
      return sql::FindSession(connection, token_hash);
    });
  }
  Result<SignedInRecord> FindSignedIn(const std::string& token_hash) override {
    return Read<Result<SignedInRecord>>([&](Connection& connection) -> Result<SignedInRecord> {
      return sql::FindSignedIn(connection, token_hash);
    });
  }
  Status TouchSession(const std::string& token_hash, Instant seen_at) override {
    return RunOne("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
                  [&](Statement& s) { s.Bind(1, token_hash).Bind(2, seen_at); });
  }
  Status DeleteSession(const std::string& token_hash) override {
    return RunOne("DELETE FROM sessions WHERE token_hash = ?1",
                  [&](Statement& s) { s.Bind(1, token_hash); });
  }

  Result<ProgramSummary> Summary() override {
    return Read<Result<ProgramSummary>>([&](Connection& connection) -> Result<ProgramSummary> {
      Statement query(connection,
                      "SELECT (SELECT count(*) FROM programs), (SELECT count(*) FROM teams),"
                      " (SELECT count(*) FROM staff WHERE role IN"
                      "   ('peer_specialist','peer_bridger','recovery_coach') AND active = 1),"
                      " (SELECT count(*) FROM staff WHERE role IN"
                      "   ('senior_peer_supervisor','clinical_supervisor') AND active = 1),"
                      " (SELECT count(*) FROM people),"
                      " (SELECT count(*) FROM assignments WHERE end_on IS NULL),"
                      " (SELECT count(*) FROM contacts),"
                      " (SELECT count(*) FROM contacts WHERE status = 'final'),"
                      " (SELECT count(*) FROM goals),"
                      " (SELECT count(*) FROM supervision_sessions),"
                      " (SELECT count(*) FROM admissions)");
      if (!query.Step()) {
        return query.status().ok() ? Status::Internal("summary returned no row") : query.status();
      }
      ProgramSummary summary;
      std::int64_t* fields[] = {&summary.programs,      &summary.teams,
                                &summary.peer_workers,  &summary.supervisors,
                                &summary.people_served, &summary.active_assignments,
                                &summary.contacts,      &summary.contacts_final,
                                &summary.goals,         &summary.supervision_sessions,
                                &summary.admissions};
      for (int column = 0; column < static_cast<int>(std::size(fields)); ++column) {
        *fields[column] = query.Int(column);
      }
      return summary;
    });
  }

  Result<std::int64_t> AppendAudit(const AuditEntry& entry) override {
    return writer_.Submit<Result<std::int64_t>>(
        [&](Connection& connection) -> Result<std::int64_t> {
          return AppendAuditRowIn(connection, entry);
        });
  }

  Status AppendAuditRows(const std::vector<AuditEntry>& entries) override {
    if (entries.empty()) return Status::Ok();
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      for (const AuditEntry& entry : entries) {
        Result<std::int64_t> seq = AppendAuditRowIn(connection, entry);
        if (!seq.ok()) return seq.status();
      }
      return Status::Ok();
    });
  }

  Result<std::vector<AuditEntry>> AuditTail(size_t max_rows) override {
    return Read<Result<std::vector<AuditEntry>>>(
        [&](Connection& connection) -> Result<std::vector<AuditEntry>> {
          Statement query(connection, std::string(kAuditSelect) + " ORDER BY seq DESC LIMIT ?1");
          query.Bind(1, static_cast<std::int64_t>(max_rows));
          std::vector<AuditEntry> rows;
          while (query.Step()) rows.push_back(ReadAuditRow(query));
          ALONGSIDE_RETURN_IF_ERROR(query.status());
          return rows;
        });
  }

  Result<AuditVerification> VerifyAudit() override {
    return Read<Result<AuditVerification>>(
        [&](Connection& connection) -> Result<AuditVerification> {
          AuditChainVerifier verifier;
          Statement query(connection, std::string(kAuditSelect) + " ORDER BY seq");
          while (query.Step()) verifier.Check(ReadAuditRow(query));
          ALONGSIDE_RETURN_IF_ERROR(query.status());
          Statement head(connection, "SELECT seq, hash FROM audit_head WHERE only_row = 1");
          if (!head.Step()) {
            ALONGSIDE_RETURN_IF_ERROR(head.status());
            return verifier.Finish(-1, "");
          }
          return verifier.Finish(head.Int(0), head.Text(1));
        });
  }

  // Governance (docs/governance.md): the SQL is in sql/governance.cc.
  Result<Id> AddGovernanceDeclaration(const domain::GovernanceDeclaration& declaration,
                                      const Actor& actor) override {
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(
          RequireRows(connection, std::nullopt, "", declaration.recorded_by, "recorded_by"));
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertGovernanceDeclaration(connection, declaration));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "governance.declare", "governance_declaration", id,
                            std::nullopt, "ok",
                            fmt::format("{}: {}", declaration.code,
                                        declaration.met ? "met" : "not met"))));
      return id;
    });
  }
  Result<std::vector<domain::GovernanceDeclaration>> LatestGovernanceDeclarations() override {
    return Read<Result<std::vector<domain::GovernanceDeclaration>>>(
        [&](Connection& connection) { return sql::LatestGovernanceDeclarations(connection); });
  }
  Result<domain::GovernanceFacts> ReadGovernanceFacts(const GovernanceFactsQuery& query) override {
    return Read<Result<domain::GovernanceFacts>>(
        [&](Connection& connection) { return sql::ReadGovernanceFacts(connection, query); });
  }
  Result<Id> FileGrievance(const domain::Grievance& grievance, const Actor& actor) override {
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, grievance.filed_by_person_id,
                                            "filed_by_person_id", grievance.filed_by_staff_id,
                                            "filed_by_staff_id"));
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, std::nullopt, "",
                                            grievance.about_worker_id, "about_worker_id"));
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertGrievance(connection, grievance));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "grievance.file", "grievance", id, grievance.filed_by_person_id,
                            "ok", "")));
      return id;
    });
  }
  Result<Id> UpdateGrievance(Id grievance_id, const GrievanceTransition& next,
                             const Actor& actor) override {
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_ASSIGN_OR_RETURN(domain::Grievance grievance,
                                 sql::LoadGrievance(connection, grievance_id));
      ALONGSIDE_ASSIGN_OR_RETURN(GrievanceChange change, next(grievance));
      Result<Id> id = sql::InsertGrievanceChange(connection, grievance_id, change);
      if (!id.ok()) return RefusedReference(id.status(), "panel");
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "grievance.update", "grievance", grievance_id,
                            grievance.filed_by_person_id, "ok",
                            std::string(domain::Name(change.update.status)))));
      return id;
    });
  }
  Result<domain::Grievance> GetGrievance(Id grievance_id) override {
    return Read<Result<domain::Grievance>>(
        [&](Connection& connection) { return sql::LoadGrievance(connection, grievance_id); });
  }
  Result<std::vector<domain::Grievance>> ListGrievances(const GrievanceQuery& query) override {
    return Read<Result<std::vector<domain::Grievance>>>(
        [&](Connection& connection) { return sql::ListGrievances(connection, query); });
  }
  Result<Id> ProposeMetric(const domain::ProgramMetric& metric, const Actor& actor) override {
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, metric.proposed_by_person_id,
                                            "proposed_by_person_id", metric.proposed_by_staff_id,
                                            "proposed_by_staff_id"));
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertMetric(connection, metric));
      ALONGSIDE_RETURN_IF_ERROR(AppendAuditIn(
          connection, Entry(actor, "metric.propose", "program_metric", id, std::nullopt, "ok",
                            metric.proposed_by_person_id ? "by a person served" : "by staff")));
      return id;
    });
  }
  Status EndorseMetric(Id metric_id, Id person_id, Instant at, const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      ALONGSIDE_RETURN_IF_ERROR(sql::LoadMetric(connection, metric_id).status());
      ALONGSIDE_RETURN_IF_ERROR(RequireRows(connection, person_id, "person_id"));
      ALONGSIDE_RETURN_IF_ERROR(sql::InsertEndorsement(connection, metric_id, person_id, at));
      return AppendAuditIn(connection, Entry(actor, "metric.endorse", "program_metric", metric_id,
                                             std::nullopt, "ok", ""));
    });
  }
  Status AdoptMetric(Id metric_id, Instant at, const Actor& actor) override {
    return writer_.Submit<Status>([&](Connection& connection) -> Status {
      ALONGSIDE_RETURN_IF_ERROR(sql::LoadMetric(connection, metric_id).status());
      ALONGSIDE_RETURN_IF_ERROR(sql::UpdateMetricAdopted(connection, metric_id, at));
      return AppendAuditIn(connection, Entry(actor, "metric.adopt", "program_metric", metric_id,
                                             std::nullopt, "ok", ""));
    });
  }
  Result<std::vector<MetricRow>> ListMetrics(std::optional<Id> person_id) override {
    return Read<Result<std::vector<MetricRow>>>(
        [&](Connection& connection) { return sql::ListMetrics(connection, person_id); });
  }
  Result<domain::ProgramMetric> GetMetric(Id metric_id) override {
    return Read<Result<domain::ProgramMetric>>(
        [&](Connection& connection) { return sql::LoadMetric(connection, metric_id); });
  }

  Result<std::string> ContentDigest() override {
    static constexpr std::string_view kTables[][2] = {
        {"programs", "id"},
        {"teams", "id"},
        {"staff", "id"},
        {"certifications", "id"},
        {"people", "id"},
        {"assignments", "id"},
        {"contacts", "id"},
        {"contact_versions", "contact_id, version"},
        {"goals", "id"},
        {"goal_versions", "goal_id, version"},
        {"goal_progress", "id"},
        {"supervision_sessions", "id"},
        {"admissions", "id"},
        {"annotations", "id"},
        {"planned_contacts", "id"},
        {"contact_attempts", "id"},
        {"drift_flags", "id"},
        {"advice_requests", "id"},
        {"boundary_events", "id"},
        {"person_plans", "id"},
        {"plan_versions", "plan_id, version"},
        {"plan_sections", "plan_id, version, position"},
        {"safety_events", "id"},
        {"safety_steps", "event_id, seq"},
        {"safety_reviews", "id"},
        {"notifications", "id"},
        {"program_settings", "only_row"},
        {"supervision_links", "session_id, subject, subject_id"},
        {"governance_declarations", "id"},
        {"grievances", "id"},
        {"grievance_panel", "grievance_id, staff_id"},
        {"grievance_updates", "id"},
        {"program_metrics", "id"},
        {"metric_endorsements", "metric_id, person_id"},
    };
    return Read<Result<std::string>>([&](Connection& connection) -> Result<std::string> {
      Sha256Stream digest;
      for (const auto& table : kTables) {
        // Table names come from the fixed list above, never from input.
        Statement query(connection,
                        fmt::format("SELECT * FROM {} ORDER BY {}", table[0], table[1]));
        digest.Update(table[0]);
        while (query.Step()) {
          int columns = query.Columns();
          for (int column = 0; column < columns; ++column) {
            digest.Update(query.IsNull(column) ? std::string_view("\x01null")
                                               : std::string_view(query.Text(column)));
            digest.Update("\x1f");
          }
          digest.Update("\x1e");
        }
        ALONGSIDE_RETURN_IF_ERROR(query.status());
      }
      return digest.HexDigest();
    });
  }

 private:
  static constexpr std::string_view kAuditSelect =
      "SELECT seq, at, actor, address, action, entity, entity_id, person_id, outcome, detail,"
      " prev_hash, hash FROM audit_log";

  static AuditEntry ReadAuditRow(const Statement& row) {
    AuditEntry entry;
    entry.seq = row.Int(0);
    entry.at = row.Int(1);
    entry.actor = row.Text(2);
    entry.address = row.Text(3);
    entry.action = row.Text(4);
    entry.entity = row.Text(5);
    entry.entity_id = row.Int(6);
    entry.person_id = row.OptionalInt(7);
    entry.outcome = row.Text(8);
    entry.detail = row.Text(9);
    entry.prev_hash = row.Text(10);
    entry.hash = row.Text(11);
    return entry;
  }

  static AuditEntry Entry(const Actor& actor, std::string action, std::string entity,
                          Id entity_id, std::optional<Id> person_id, std::string outcome,
                          std::string detail) {
    AuditEntry entry;
    entry.at = NowUtc();
    entry.actor = actor.who;
    entry.address = actor.address;
    entry.action = std::move(action);
    entry.entity = std::move(entity);
    entry.entity_id = entity_id;
    entry.person_id = person_id;
    entry.outcome = std::move(outcome);
    entry.detail = std::move(detail);
    return entry;
  }

  // Appends to the chain inside the caller's transaction (on the writer).
  Result<std::int64_t> AppendAuditRowIn(Connection& connection, AuditEntry entry) {
    WriterStatements& prepared = Prepared(connection);
    Result<AuditHeadInTransaction::Head> head = audit_head_.Current(connection);
    if (!head.ok()) return head.status();
    entry.seq = head->seq + 1;
    entry.prev_hash = head->hash;
    entry.hash = AuditRowHash(entry);
    Statement& insert = prepared.audit_insert;
    ResetOnExit reset_insert(insert);
    insert.Bind(1, entry.seq).Bind(2, entry.at).Bind(3, entry.actor).Bind(4, entry.address)
        .Bind(5, entry.action).Bind(6, entry.entity).Bind(7, entry.entity_id)
        .Bind(8, entry.person_id).Bind(9, entry.outcome).Bind(10, entry.detail)
        .Bind(11, entry.prev_hash).Bind(12, entry.hash);
    ALONGSIDE_RETURN_IF_ERROR(insert.Run());
    audit_head_.Advance(entry.seq, entry.hash);
    return entry.seq;
  }

  Status AppendAuditIn(Connection& connection, AuditEntry entry) {
    return AppendAuditRowIn(connection, std::move(entry)).status();
  }

  Status AuditLoad(Connection& connection, const Actor& actor, const std::string& entity,
                   size_t count) {
    if (count == 0) return Status::Ok();
    return AppendAuditIn(connection, Entry(actor, entity + ".load", entity, 0, std::nullopt, "ok",
                                           fmt::format("{} records loaded", count)));
  }

  template <typename Record, typename Validate>
  Status LoadAll(Connection& connection, Inserts& inserts, const std::vector<Record>& records,
                 const Actor& actor, const std::string& entity, Validate validate) {
    for (const Record& record : records) {
      ALONGSIDE_RETURN_IF_ERROR(validate(record));
      Result<Id> id = inserts.Insert(record);
      if (!id.ok()) return id.status();
    }
    return AuditLoad(connection, actor, entity, records.size());
  }

  template <typename Record>
  Result<Id> AddOne(const Record& record, const Actor& actor, const char* action,
                    const char* entity, std::optional<Id> person_id, bool own_person = false) {
    return writer_.Submit<Result<Id>>([&](Connection& connection) -> Result<Id> {
      Inserts& inserts = Prepared(connection).inserts;
      Result<Id> id = inserts.Insert(record);
      if (!id.ok()) return id.status();
      if (record.id > 0) ALONGSIDE_RETURN_IF_ERROR(SyncIdSequences(connection));
      if (own_person) person_id = *id;
      ALONGSIDE_RETURN_IF_ERROR(
          AppendAuditIn(connection, Entry(actor, action, entity, *id, person_id, "ok", "")));
      return id;
    });
  }

  // Contacts whose ids are given (a synthetic program, an import), with all
  // their versions, by multi-row INSERTs.
  static Status LoadContactsByChunks(Connection& connection,
                                     const std::vector<domain::Contact>& contacts) {
    ALONGSIDE_RETURN_IF_ERROR(InsertRows(
        connection, "contacts", Inserts::kContactColumns, Inserts::kContactColumnCount,
        contacts.size(), [&](Statement& insert, size_t row, int base) {
          const domain::Contact& contact = contacts[row];
          Inserts::BindContactRow(insert, base, contact.id, contact.person_id, contact.worker_id,
                                  contact.latest(), FinalisedAt(contact.versions));
        }));
    // Each version with its review count, and the drift its final versions
    // raise (one per contact and code, raised by the first final version
    // that records it), as the single-contact writes would have.
    struct LoadedVersion {
      Id contact_id;
      const domain::ContactVersion* version;
      size_t review_flags;
    };
    struct LoadedDrift {
      Id contact_id;
      Id worker_id;
      Instant raised_at;
      domain::DriftReason reason;
    };
    std::vector<LoadedVersion> versions;
    std::vector<LoadedDrift> drift;
    // A load repeats notes (a generator's phrasings, an import's templates):
    // each distinct text is reviewed once per batch.
    std::unordered_map<std::string_view, std::vector<domain::LanguageFlag>> reviewed;
    for (const domain::Contact& contact : contacts) {
      const size_t first_drift = drift.size();
      for (const domain::ContactVersion& version : contact.versions) {
        auto [found, fresh] =
            reviewed.try_emplace(version.status == domain::NoteStatus::kFinal
                                     ? std::string_view(version.note)
                                     : std::string_view());
        if (fresh) found->second = ReviewOf(version);
        const std::vector<domain::LanguageFlag>& review = found->second;
        versions.push_back({contact.id, &version, review.size()});
        for (domain::DriftReason& reason :
             domain::RoleDriftReasons(version, domain::ActivityCatalog::Default(), review)) {
          const bool known = std::any_of(
              drift.begin() + static_cast<std::ptrdiff_t>(first_drift), drift.end(),
              [&](const LoadedDrift& raised) { return raised.reason.code == reason.code; });
          if (!known) {
            drift.push_back({contact.id, contact.worker_id, version.written_at, std::move(reason)});
          }
        }
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(InsertRows(
        connection, "contact_versions", Inserts::kContactVersionColumns,
        Inserts::kContactVersionColumnCount, versions.size(),
        [&](Statement& insert, size_t row, int base) {
          Inserts::BindContactVersion(insert, base, versions[row].contact_id,
                                      *versions[row].version, versions[row].review_flags);
        }));
    return InsertRows(connection, "drift_flags", "contact_id, worker_id, raised_at, source, code",
                      5, drift.size(), [&](Statement& insert, size_t row, int base) {
                        const LoadedDrift& raised = drift[row];
                        insert.Bind(base, raised.contact_id).Bind(base + 1, raised.worker_id)
                            .Bind(base + 2, raised.raised_at)
                            .Bind(base + 3, domain::Name(raised.reason.source))
                            .Bind(base + 4, raised.reason.code);
                      });
  }

  // After rows were inserted with ids given (a load, a synthetic program):
  // moves PostgreSQL's id sequences past them, so that the next id the
  // database assigns is free. SQLite's rowid needs nothing.
  // The batch's plans and safety events, checked by the same rules as the
  // use cases' (the plan templates; the safety protocol replayed step by
  // step at each step's recording time), ids assigned here.
  Status LoadPlansAndSafety(Connection& connection, const LoadBatch& batch, const Actor& actor) {
    const domain::PlanTemplates& templates = domain::PlanTemplates::Default();
    for (const domain::PersonPlan& plan : batch.plans) {
      if (plan.versions.empty()) return Status::InvalidArgument("versions", "empty plan");
      domain::PersonPlan first = plan;
      first.versions.resize(1);
      first.versions.front().version = 1;
      for (const domain::PlanVersion& version : plan.versions) {
        ALONGSIDE_RETURN_IF_ERROR(templates.ValidatePlanVersion(plan.kind, version));
      }
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertPersonPlan(connection, first));
      for (size_t number = 1; number < plan.versions.size(); ++number) {
        domain::PlanVersion version = plan.versions[number];
        version.version = static_cast<int>(number) + 1;
        ALONGSIDE_RETURN_IF_ERROR(sql::InsertPlanVersion(connection, id, version));
      }
    }
    ALONGSIDE_RETURN_IF_ERROR(AuditLoad(connection, actor, "plan", batch.plans.size()));
    for (const domain::SafetyEvent& event : batch.safety_events) {
      ALONGSIDE_RETURN_IF_ERROR(domain::ValidateSafetyOpening(event.kind, event.disclosed_at,
                                                              event.description, event.opened_at));
      domain::SafetyEvent replayed = event;
      replayed.steps.clear();
      replayed.reviews.clear();
      for (const domain::SafetyStep& step : event.steps) {
        ALONGSIDE_RETURN_IF_ERROR(domain::CheckSafetyStep(replayed, step, step.recorded_at));
        replayed.steps.push_back(step);
      }
      ALONGSIDE_ASSIGN_OR_RETURN(Id id, sql::InsertSafetyEvent(connection, event));
      for (size_t seq = 0; seq < event.steps.size(); ++seq) {
        ALONGSIDE_RETURN_IF_ERROR(
            sql::InsertSafetyStep(connection, id, static_cast<int>(seq) + 1, event.steps[seq]));
      }
      for (domain::SafetyReview review : event.reviews) {
        review.event_id = id;
        ALONGSIDE_RETURN_IF_ERROR(sql::InsertSafetyReview(connection, review).status());
      }
    }
    return AuditLoad(connection, actor, "safety_event", batch.safety_events.size());
  }

  static Status SyncIdSequences(Connection& connection) {
    if (connection.dialect() != sql::Dialect::kPostgres) return Status::Ok();
    static constexpr const char* kTables[] = {
        "programs", "teams",  "staff",         "certifications",       "people",    "assignments",
        "contacts", "goals",  "goal_progress", "supervision_sessions", "admissions"};
    for (const char* table : kTables) {
      // Table names come from the fixed list above, never from input.
      Statement sync(connection,
                     fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                                 "(SELECT COALESCE(max(id), 0) + 1 FROM {0}), false)",
                                 table));
      ALONGSIDE_RETURN_IF_ERROR(sync.Run());
    }
    return Status::Ok();
  }

  // One statement in its own (durable) transaction.
  Status RunOne(const char* sql, const std::function<void(Statement&)>& bind) {
    return writer_.Run([&](Connection& connection) -> Status {
      Statement statement(connection, sql);
      bind(statement);
      return statement.Run();
    });
  }

  // Whether contact `contact_id` exists and is about `person_id`;
  // InvalidArgument naming contact_id if not. On the writer.
  static Status RequireContactOf(Connection& connection, Id contact_id, Id person_id) {
    Statement query(connection, "SELECT person_id FROM contacts WHERE id = ?1");
    query.Bind(1, contact_id);
    if (!query.Step()) {
      ALONGSIDE_RETURN_IF_ERROR(query.status());
      return Status::InvalidArgument("contact_id", "no such contact");
    }
    const Id about = query.Int(0);
    ALONGSIDE_RETURN_IF_ERROR(query.Run());
    if (about != person_id) {
      return Status::InvalidArgument("contact_id", "is a contact with someone else");
    }
    return Status::Ok();
  }

  // Whether the person `person_id` and the staff member `staff_id` exist
  // (one statement for both); InvalidArgument naming `person_field` or
  // `staff_field` if not. An id not given is not looked up. On the writer.
  Status RequireRows(Connection& connection, std::optional<Id> person_id,
                     const char* person_field, std::optional<Id> staff_id = std::nullopt,
                     const char* staff_field = "") {
    Statement& query = Prepared(connection).people_and_staff_exist;
    ResetOnExit reset(query);
    query.Bind(1, person_id).Bind(2, staff_id);
    if (!query.Step()) {
      ALONGSIDE_RETURN_IF_ERROR(query.status());
      return Status::Internal("the existence check returned no row");
    }
    if (person_id && query.IsNull(0)) {
      return Status::InvalidArgument(person_field, "no such record");
    }
    if (staff_id && query.IsNull(1)) {
      return Status::InvalidArgument(staff_field, "no such record");
    }
    return Status::Ok();
  }

  // The writer's prepared statements, made on first use (on the writer
  // thread, like every use after), and made again after a use in which one
  // of them could not be prepared (a lost connection, a failing disk): that
  // write failed, and the next one gets a fresh chance.
  WriterStatements& Prepared(Connection& connection) {
    if (!prepared_ || !prepared_->Prepared()) {
      prepared_.reset();
      prepared_ = std::make_unique<WriterStatements>(connection);
    }
    return *prepared_;
  }

  Result<domain::Contact> LoadContactIn(Connection& connection, Id contact_id) {
    Statement head(connection, "SELECT person_id, worker_id FROM contacts WHERE id = ?1");
    head.Bind(1, contact_id);
    if (!head.Step()) {
      ALONGSIDE_RETURN_IF_ERROR(head.status());
      return Status::NotFound(fmt::format("no contact {}", contact_id));
    }
    domain::Contact contact;
    contact.id = contact_id;
    contact.person_id = head.Int(0);
    contact.worker_id = head.Int(1);
    Statement versions(connection,
                       fmt::format("SELECT {} FROM contact_versions v WHERE v.contact_id = ?1"
                                   " ORDER BY v.version",
                                   sql::kVersionColumns));
    versions.Bind(1, contact_id);
    while (versions.Step()) {
      Result<domain::ContactVersion> version = sql::ReadVersion(versions, 0);
      if (!version.ok()) return version.status();
      contact.versions.push_back(std::move(version).value());
    }
    ALONGSIDE_RETURN_IF_ERROR(versions.status());
    if (contact.versions.empty()) return Status::Internal("contact has no versions");
    return contact;
  }

  Result<domain::Goal> LoadGoalIn(Connection& connection, Id goal_id) {
    Statement head(connection, "SELECT person_id FROM goals WHERE id = ?1");
    head.Bind(1, goal_id);
    if (!head.Step()) {
      ALONGSIDE_RETURN_IF_ERROR(head.status());
      return Status::NotFound(fmt::format("no goal {}", goal_id));
    }
    domain::Goal goal;
    goal.id = goal_id;
    goal.person_id = head.Int(0);
    Statement versions(connection,
                       "SELECT version, words, status, authored_by_person, review_on,"
                       " cosigned_at, written_at FROM goal_versions WHERE goal_id = ?1"
                       " ORDER BY version");
    versions.Bind(1, goal_id);
    while (versions.Step()) {
      domain::GoalVersion version;
      version.version = static_cast<int>(versions.Int(0));
      version.words = versions.Text(1);
      Result<domain::GoalStatus> status = domain::ParseGoalStatus(versions.Text(2), "status");
      if (!status.ok()) return Status::Internal("corrupt goal version");
      version.status = *status;
      version.authored_by_person = versions.Int(3) != 0;
      if (auto review = versions.OptionalInt(4)) version.review_on = static_cast<Day>(*review);
      version.cosigned_at = versions.OptionalInt(5);
      version.written_at = versions.Int(6);
      goal.versions.push_back(std::move(version));
    }
    ALONGSIDE_RETURN_IF_ERROR(versions.status());
    if (goal.versions.empty()) return Status::Internal("goal has no versions");
    return goal;
  }

  // Runs `read` on a reader connection inside a read transaction, so that a
  // read of several statements sees one snapshot.
  template <typename T, typename Fn>
  T Read(Fn&& read) {
    ReaderPool::Lease lease(readers_);
    Reader& reader = lease.reader();
    Status begun = reader.begin.Run();
    reader.begin.Reset();
    if (!begun.ok()) return begun;
    T result = read(*reader.connection);
    LogIfFailed(reader.commit.Run(), "end of a read transaction");
    reader.commit.Reset();
    return result;
  }

  ReaderPool readers_;
  // Before writer_: the writer calls it until the writer's thread ends.
  AuditHeadInTransaction audit_head_;
  sql::GroupCommitWriter writer_;
  // Declared after writer_ so that its statements are finalised before the
  // write connection closes.
  std::unique_ptr<WriterStatements> prepared_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<Connection> writer,
                                            std::vector<std::unique_ptr<Connection>> readers) {
  std::vector<std::unique_ptr<Reader>> lent;
  for (std::unique_ptr<Connection>& reader : readers) {
    lent.push_back(std::make_unique<Reader>(std::move(reader)));
  }
  return std::unique_ptr<Store>(new SqlStore(std::move(writer), std::move(lent)));
}

Status ApplyMigrations(Connection& connection, const std::vector<std::string_view>& migrations,
                       int from_version,
                       const std::function<Status(Connection&, int)>& record_version) {
  for (size_t idx = static_cast<size_t>(from_version); idx < migrations.size(); ++idx) {
    sql::Transaction txn(connection);
    ALONGSIDE_RETURN_IF_ERROR(txn.status());
    ALONGSIDE_RETURN_IF_ERROR(connection.Exec(std::string(migrations[idx])));
    ALONGSIDE_RETURN_IF_ERROR(record_version(connection, static_cast<int>(idx + 1)));
    ALONGSIDE_RETURN_IF_ERROR(txn.Commit());
  }
  return Status::Ok();
}

}  // namespace alongside::store::sql
