#include "store/sql/reads.h"

#include <functional>
#include <string>

#include <fmt/format.h>

namespace alongside::store::sql {
namespace {

// Builds "WHERE a AND b ..." from fixed SQL fragments, each with its bound
// values; numbering the placeholders as they are added.
class Filter {
 public:
  explicit Filter(Dialect dialect) : dialect_(dialect) {}
  Dialect dialect() const { return dialect_; }

  // `fragment` holds one "?" per value in `bind`, replaced by ?N in order.
  void Add(std::string fragment, std::function<void(Statement&, int first_index)> bind,
           int values = 1) {
    std::string numbered;
    int next = next_index_;
    for (char ch : fragment) {
      if (ch == '?') {
        numbered += '?';
        numbered += std::to_string(next++);
      } else {
        numbered += ch;
      }
    }
    clauses_.push_back(std::move(numbered));
    binders_.push_back({next_index_, std::move(bind)});
    next_index_ += values;
  }
  // A value bound outside the WHERE clause (in a select list): returns its
  // parameter number.
  int AddValue(std::function<void(Statement&, int)> bind) {
    binders_.push_back({next_index_, std::move(bind)});
    return next_index_++;
  }
  std::string Where() const {
    std::string text;
    for (size_t idx = 0; idx < clauses_.size(); ++idx) {
      text += idx == 0 ? " WHERE " : " AND ";
      text += clauses_[idx];
    }
    return text;
  }
  std::string Limit() {
    std::string text = fmt::format(" LIMIT ?{} OFFSET ?{}", next_index_, next_index_ + 1);
    return text;
  }
  // Binds the filter's values, and the page's when Limit() was used.
  void Bind(Statement& statement) const {
    for (const auto& [index, bind] : binders_) bind(statement, index);
  }
  void Bind(Statement& statement, const Page& page) const {
    Bind(statement);
    statement.Bind(next_index_, page.limit).Bind(next_index_ + 1, page.offset);
  }

 private:
  std::vector<std::string> clauses_;
  std::vector<std::pair<int, std::function<void(Statement&, int)>>> binders_;
  int next_index_ = 1;
  Dialect dialect_;
};

// The assignments in force on `day`: started on or before it, not yet ended
// (an assignment's end day is its first day without access).
constexpr const char* kActiveOn = "start_on <= ? AND (end_on IS NULL OR end_on > ?)";

// `column` is a person assigned on `day` to one of `worker_ids`.
void AddAssignedFilter(Filter& filter, const std::string& column,
                       const std::vector<Id>& worker_ids, Day day) {
  std::string json = JsonIds(worker_ids);
  filter.Add(column + " IN (SELECT person_id FROM assignments WHERE " + kActiveOn +
                 " AND worker_id IN (" + IdsIn(filter.dialect(), 0) + "))",
             [json, day](Statement& statement, int index) {
               statement.Bind(index, day).Bind(index + 1, day).Bind(index + 2, json);
             },
             3);
}

void AddIdFilter(Filter& filter, const std::string& column, Id id) {
  filter.Add(column + " = ?", [id](Statement& statement, int index) { statement.Bind(index, id); });
}

// One id is an equality, which lets SQLite read an index in order (one
// worker's contacts by time, stopping after the page) where a list needs
// a sort.
void AddIdsFilter(Filter& filter, const std::string& column, const std::vector<Id>& ids) {
  if (ids.size() == 1) {
    AddIdFilter(filter, column, ids.front());
    return;
  }
  std::string json = JsonIds(ids);
  filter.Add(column + " IN (" + IdsIn(filter.dialect(), 0) + ")",
             [json](Statement& statement, int index) { statement.Bind(index, json); });
}

std::vector<std::string> SplitList(const std::string& joined) {
  std::vector<std::string> items;
  size_t begin = 0;
  while (begin < joined.size()) {
    size_t end = joined.find(',', begin);
    if (end == std::string::npos) end = joined.size();
    items.push_back(joined.substr(begin, end - begin));
    begin = end + 1;
  }
  return items;
}

std::vector<Id> ParseIdList(const std::string& joined) {
  std::vector<Id> ids;
  for (const std::string& item : SplitList(joined)) ids.push_back(std::stoll(item));
  return ids;
}

Status Corrupt(const char* what) { return Status::Internal(std::string("corrupt ") + what); }

constexpr const char* kPersonColumns =
    "p.id, p.team_id, p.preferred_name, p.pronouns, p.self_description, p.birth_year, "
    "p.enrolled_on";

domain::Person ReadPerson(const Statement& row, int first) {
  domain::Person person;
  person.id = row.Int(first);
  person.team_id = row.Int(first + 1);
  person.preferred_name = row.Text(first + 2);
  person.pronouns = row.Text(first + 3);
  person.self_description = row.Text(first + 4);
  if (auto year = row.OptionalInt(first + 5)) person.birth_year = static_cast<int>(*year);
  person.enrolled_on = static_cast<Day>(row.Int(first + 6));
  return person;
}

constexpr const char* kStaffColumns =
    "s.id, s.team_id, s.display_name, s.role, s.peer_supervisor_id, s.clinical_supervisor_id, "
    "s.active";

Result<domain::Staff> ReadStaff(const Statement& row, int first) {
  domain::Staff staff;
  staff.id = row.Int(first);
  staff.team_id = row.Int(first + 1);
  staff.display_name = row.Text(first + 2);
  Result<domain::Role> role = domain::ParseRole(row.Text(first + 3), "role");
  if (!role.ok()) return Corrupt("staff role");
  staff.role = *role;
  staff.peer_supervisor_id = row.OptionalInt(first + 4);
  staff.clinical_supervisor_id = row.OptionalInt(first + 5);
  staff.active = row.Int(first + 6) != 0;
  return staff;
}


// The account columns (kAccountColumns) starting at column `first`.
Result<Account> ReadAccountAt(const Statement& row, int first) {
  Account account;
  account.id = row.Int(first);
  account.username = row.Text(first + 1);
  account.password_hash = row.Text(first + 2);
  std::string kind = row.Text(first + 3);
  account.kind = kind == "person" ? AccountKind::kPerson : AccountKind::kStaff;
  if (!row.IsNull(first + 4)) {
    Result<domain::Role> role = domain::ParseRole(row.Text(first + 4), "role");
    if (!role.ok()) return Corrupt("account role");
    account.role = *role;
  }
  account.staff_id = row.OptionalInt(first + 5);
  account.person_id = row.OptionalInt(first + 6);
  account.failed_logins = static_cast<int>(row.Int(first + 7));
  account.locked_until = row.Int(first + 8);
  account.created_at = row.Int(first + 9);
  return account;
}

Result<Account> ReadAccount(Statement& row) { return ReadAccountAt(row, 0); }

constexpr const char* kAccountColumns =
    "id, username, password_hash, kind, role, staff_id, person_id, failed_logins, "
    "locked_until, created_at";
const std::string kAccountSelect = std::string("SELECT ") + kAccountColumns + " FROM accounts";

// The ids `sql` selects (one column) for `id` bound as ?1.
Result<std::vector<Id>> IdsFor(const Connection& db, const char* sql, Id id) {
  Statement statement(db, sql);
  statement.Bind(1, id);
  return Collect<Id>(statement, [](Statement& row) -> Result<Id> { return row.Int(0); });
}

template <typename T>
Result<T> ExactlyOne(Result<std::vector<T>> rows, const std::string& not_found) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound(not_found);
  return std::move(rows->front());
}

// The WHERE clause of a contact query, over `contacts c`.
Filter ContactFilter(Dialect dialect, const ContactQuery& query) {
  Filter filter(dialect);
  if (query.person_id) AddIdFilter(filter, "c.person_id", *query.person_id);
  if (query.worker_ids) AddIdsFilter(filter, "c.worker_id", *query.worker_ids);
  if (query.people_of_workers) {
    AddAssignedFilter(filter, "c.person_id", *query.people_of_workers, query.active_on);
  }
  if (query.from) {
    Instant from = *query.from;
    filter.Add("c.start_at >= ?", [from](Statement& s, int index) { s.Bind(index, from); });
  }
  if (query.until) {
    Instant until = *query.until;
    filter.Add("c.start_at < ?", [until](Statement& s, int index) { s.Bind(index, until); });
  }
  if (query.status == domain::NoteStatus::kDraft) {
    // Written out, not bound: SQLite uses the partial index of drafts
    // (migration 0005) only for a WHERE it can see is status = 'draft'.
    filter.Add("c.status = 'draft'", [](Statement&, int) {}, 0);
  } else if (query.status) {
    std::string status(domain::Name(*query.status));
    filter.Add("c.status = ?", [status](Statement& s, int index) { s.Bind(index, status); });
  }
  if (query.any_activity) {
    // The latest version's activities are stored comma-joined; one bound
    // ",code," per code, read from the covering index of migration 0005.
    std::vector<std::string> needles;
    std::string any;
    for (const std::string& code : *query.any_activity) {
      needles.push_back("," + code + ",");
      any += any.empty() ? "" : " OR ";
      any += Contains(filter.dialect(), "',' || av.activities || ','", "?");
    }
    if (needles.empty()) any = "1 = 0";
    filter.Add("EXISTS (SELECT 1 FROM contact_versions av" +
                   IndexedBy(filter.dialect(), "contact_versions_activities") +
                   " WHERE av.contact_id = c.id AND av.version = c.current_version AND (" +
                   any + "))",
               [needles](Statement& s, int index) {
                 for (size_t idx = 0; idx < needles.size(); ++idx) {
                   s.Bind(index + static_cast<int>(idx), needles[idx]);
                 }
               },
               static_cast<int>(needles.size()));
  }
  return filter;
}

constexpr std::string_view kSessionColumns =
    "id, supervisor_id, supervisee_id, kind, held_at, duration_minutes, focus, reflection, "
    "what_happened, what_i_felt, what_i_learned, what_i_will_do";

Result<domain::SupervisionSession> ReadSession(Statement& row) {
  domain::SupervisionSession session;
  session.id = row.Int(0);
  session.supervisor_id = row.Int(1);
  session.supervisee_id = row.Int(2);
  Result<domain::SupervisionKind> kind = domain::ParseSupervisionKind(row.Text(3), "kind");
  if (!kind.ok()) return Corrupt("supervision kind");
  session.kind = *kind;
  session.held_at = row.Int(4);
  session.duration_minutes = static_cast<int>(row.Int(5));
  for (const std::string& name : SplitList(row.Text(6))) {
    Result<domain::SupervisionFocus> focus = domain::ParseSupervisionFocus(name, "focus");
    if (!focus.ok()) return Corrupt("supervision focus");
    session.focus.push_back(*focus);
  }
  session.reflection = row.Text(7);
  session.what_happened = row.Text(8);
  session.what_i_felt = row.Text(9);
  session.what_i_learned = row.Text(10);
  session.what_i_will_do = row.Text(11);
  return session;
}

// Fills each session's `discussed` from supervision_links, in one query.
Status ReadSessionLinks(const Connection& db, std::vector<domain::SupervisionSession>& sessions) {
  if (sessions.empty()) return Status::Ok();
  std::vector<Id> ids;
  ids.reserve(sessions.size());
  for (const domain::SupervisionSession& session : sessions) ids.push_back(session.id);
  Statement statement(db, fmt::format("SELECT session_id, subject, subject_id FROM "
                                      "supervision_links WHERE session_id IN ({}) "
                                      "ORDER BY session_id, subject, subject_id",
                                      IdsIn(db.dialect(), 1)));
  statement.Bind(1, JsonIds(ids));
  while (statement.Step()) {
    const Id session_id = statement.Int(0);
    Result<domain::SupervisionSubject> subject =
        domain::ParseSupervisionSubject(statement.Text(1), "subject");
    if (!subject.ok()) return Corrupt("supervision link subject");
    for (domain::SupervisionSession& session : sessions) {
      if (session.id == session_id) session.discussed.push_back({*subject, statement.Int(2)});
    }
  }
  return statement.status();
}

constexpr std::string_view kDriftColumns =
    "d.id, d.contact_id, c.person_id, d.worker_id, d.raised_at, d.source, d.code, d.resolution, "
    "d.resolution_note, d.resolved_by, d.resolved_at, d.supervision_session_id";

Result<domain::DriftFlag> ReadDriftFlag(Statement& row) {
  domain::DriftFlag flag;
  flag.id = row.Int(0);
  flag.contact_id = row.Int(1);
  flag.person_id = row.Int(2);
  flag.worker_id = row.Int(3);
  flag.raised_at = row.Int(4);
  Result<domain::DriftSource> source = domain::ParseDriftSource(row.Text(5), "source");
  if (!source.ok()) return Corrupt("drift flag source");
  flag.source = *source;
  flag.code = row.Text(6);
  if (!row.IsNull(7)) {
    Result<domain::DriftResolution> resolution =
        domain::ParseDriftResolution(row.Text(7), "resolution");
    if (!resolution.ok()) return Corrupt("drift flag resolution");
    flag.resolution = *resolution;
  }
  flag.resolution_note = row.Text(8);
  flag.resolved_by = row.OptionalInt(9);
  flag.resolved_at = row.OptionalInt(10);
  flag.supervision_session_id = row.OptionalInt(11);
  return flag;
}

// The filter of an advice or boundary list.
void AddGuardrailFilter(Filter& filter, const GuardrailQuery& query) {
  if (query.contact_id) AddIdFilter(filter, "contact_id", *query.contact_id);
  if (query.worker_ids) AddIdsFilter(filter, "worker_id", *query.worker_ids);
}

}  // namespace

std::string JsonIds(const std::vector<Id>& ids) {
  std::string json = "[";
  for (size_t idx = 0; idx < ids.size(); ++idx) {
    if (idx) json += ',';
    json += std::to_string(ids[idx]);
  }
  return json + "]";
}


const char* const kVersionColumns =
    "v.version, v.start_at, v.end_at, v.setting, v.modalities, v.activities, v.note, "
    "v.person_words, v.status, v.written_by, v.written_at, v.signed_by, v.signed_at, "
    "v.amends_version, v.amend_reason, v.wording_reason";

Result<domain::ContactVersion> ReadVersion(const Statement& row, int first) {
  domain::ContactVersion version;
  version.version = static_cast<int>(row.Int(first));
  version.start = row.Int(first + 1);
  version.end = row.Int(first + 2);
  Result<domain::ContactSetting> setting = domain::ParseContactSetting(row.Text(first + 3), "s");
  Result<domain::NoteStatus> status = domain::ParseNoteStatus(row.Text(first + 8), "s");
  if (!setting.ok() || !status.ok()) return Corrupt("contact version");
  version.setting = *setting;
  version.modalities = static_cast<domain::ModalitySet>(row.Int(first + 4));
  version.activities = SplitList(row.Text(first + 5));
  version.note = row.Text(first + 6);
  version.person_words = row.Text(first + 7);
  version.status = *status;
  version.written_by = row.Int(first + 9);
  version.written_at = row.Int(first + 10);
  version.signed_by = row.OptionalInt(first + 11);
  version.signed_at = row.OptionalInt(first + 12);
  if (auto amends = row.OptionalInt(first + 13)) version.amends_version = static_cast<int>(*amends);
  version.amend_reason = row.Text(first + 14);
  version.wording_reason = row.Text(first + 15);
  return version;
}

Result<domain::Person> GetPerson(const Connection& db, Id person_id) {
  Statement query(db, fmt::format("SELECT {} FROM people p WHERE p.id = ?1", kPersonColumns));
  query.Bind(1, person_id);
  return ExactlyOne(Collect<domain::Person>(query, [](Statement& row) -> Result<domain::Person> {
                      return ReadPerson(row, 0);
                    }),
                    fmt::format("no person {}", person_id));
}

Result<std::vector<PersonRow>> ListPeople(const Connection& db, const PeopleQuery& query) {
  Filter filter(db.dialect());
  if (query.worker_ids) AddAssignedFilter(filter, "p.id", *query.worker_ids, query.active_on);
  const Day day = query.active_on;
  const int day_param =
      filter.AddValue([day](Statement& statement, int index) { statement.Bind(index, day); });
  if (query.team_id) AddIdFilter(filter, "p.team_id", *query.team_id);
  Statement statement(
      db, fmt::format("SELECT {0}, (SELECT {4} FROM assignments a WHERE "
                      "a.person_id = p.id AND a.start_on <= ?{1} AND (a.end_on IS NULL OR a.end_on > ?{1})), "
                      "(SELECT max(start_at) FROM "
                      "contacts c WHERE c.person_id = p.id) FROM people p{2} ORDER BY "
                      "p.preferred_name, p.id{3}",
                      kPersonColumns, day_param, filter.Where(), filter.Limit(),
                      GroupConcat(db.dialect(), "worker_id")));
  filter.Bind(statement, query.page);
  return Collect<PersonRow>(statement, [](Statement& row) -> Result<PersonRow> {
    PersonRow person_row;
    person_row.person = ReadPerson(row, 0);
    if (!row.IsNull(7)) person_row.worker_ids = ParseIdList(row.Text(7));
    person_row.last_contact_at = row.OptionalInt(8);
    return person_row;
  });
}

Result<std::int64_t> CountContacts(const Connection& db, const ContactQuery& query) {
  Filter filter = ContactFilter(db.dialect(), query);
  Statement statement(db, "SELECT count(*) FROM contacts c" + filter.Where());
  filter.Bind(statement);
  if (!statement.Step()) {
    return statement.status().ok() ? Status::Internal("count returned no row") : statement.status();
  }
  return statement.Int(0);
}

Result<std::vector<ContactRow>> ListContacts(const Connection& db, const ContactQuery& query) {
  Filter filter = ContactFilter(db.dialect(), query);
  const char* order = query.oldest_first ? "ASC" : "DESC";
  Statement statement(
      db, fmt::format("SELECT c.id, c.person_id, c.worker_id, p.preferred_name, "
                      "(SELECT count(*) FROM annotations n WHERE n.contact_id = c.id), {} "
                      "FROM contacts c JOIN people p ON p.id = c.person_id "
                      "JOIN contact_versions v ON v.contact_id = c.id AND v.version = "
                      "c.current_version{} ORDER BY c.start_at {}, c.id {}{}",
                      kVersionColumns, filter.Where(), order, order, filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<ContactRow>(statement, [](Statement& row) -> Result<ContactRow> {
    ContactRow contact;
    contact.id = row.Int(0);
    contact.person_id = row.Int(1);
    contact.worker_id = row.Int(2);
    contact.person_name = row.Text(3);
    contact.annotations = static_cast<int>(row.Int(4));
    Result<domain::ContactVersion> version = ReadVersion(row, 5);
    if (!version.ok()) return version.status();
    contact.latest = std::move(version).value();
    return contact;
  });
}

Result<std::vector<Id>> GoalIdsOf(const Connection& db, Id person_id) {
  return IdsFor(db, "SELECT id FROM goals WHERE person_id = ?1 ORDER BY id", person_id);
}

Result<std::vector<domain::GoalProgress>> ListGoalProgress(const Connection& db, Id goal_id) {
  Statement statement(db,
                      "SELECT id, goal_id, at, words, by_person FROM goal_progress "
                      "WHERE goal_id = ?1 ORDER BY at DESC, id DESC");
  statement.Bind(1, goal_id);
  return Collect<domain::GoalProgress>(
      statement, [](Statement& row) -> Result<domain::GoalProgress> {
        return domain::GoalProgress{row.Int(0), row.Int(1), row.Int(2), row.Text(3),
                                    row.Int(4) != 0};
      });
}

Result<std::vector<GoalDue>> GoalsDueForReview(const Connection& db,
                                               const std::vector<Id>& worker_ids, Day day) {
  Statement statement(
      db,
      "SELECT g.id, g.person_id, p.preferred_name, v.words, v.review_on FROM goals g "
      "JOIN goal_versions v ON v.goal_id = g.id AND v.version = g.current_version "
      "JOIN people p ON p.id = g.person_id "
      "WHERE g.status = 'active' AND v.review_on IS NOT NULL AND v.review_on <= ?1 "
      "AND g.person_id IN (SELECT person_id FROM assignments WHERE start_on <= ?3 AND "
      "(end_on IS NULL OR end_on > ?3) AND worker_id IN (" + IdsIn(db.dialect(), 2) + ")) "
      "ORDER BY v.review_on, g.id LIMIT 200");
  statement.Bind(1, day).Bind(2, JsonIds(worker_ids)).Bind(3, day);
  return Collect<GoalDue>(statement, [](Statement& row) -> Result<GoalDue> {
    return GoalDue{row.Int(0), row.Int(1), row.Text(2), row.Text(3), static_cast<Day>(row.Int(4))};
  });
}

Result<domain::Staff> GetStaff(const Connection& db, Id staff_id) {
  Statement statement(db, fmt::format("SELECT {} FROM staff s WHERE s.id = ?1", kStaffColumns));
  statement.Bind(1, staff_id);
  return ExactlyOne(Collect<domain::Staff>(
                        statement, [](Statement& row) { return ReadStaff(row, 0); }),
                    fmt::format("no staff member {}", staff_id));
}

Result<std::vector<domain::Staff>> ListStaff(const Connection& db, const StaffQuery& query) {
  Filter filter(db.dialect());
  if (query.team_id) AddIdFilter(filter, "s.team_id", *query.team_id);
  if (query.supervisor_id) {
    Id supervisor = *query.supervisor_id;
    filter.Add("(s.peer_supervisor_id = ? OR s.clinical_supervisor_id = ?)",
               [supervisor](Statement& s, int index) {
                 s.Bind(index, supervisor).Bind(index + 1, supervisor);
               },
               2);
  }
  if (query.role) {
    std::string role(domain::Name(*query.role));
    filter.Add("s.role = ?", [role](Statement& s, int index) { s.Bind(index, role); });
  }
  Statement statement(db, fmt::format("SELECT {} FROM staff s{} ORDER BY s.display_name, s.id{}",
                                      kStaffColumns, filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<domain::Staff>(statement, [](Statement& row) { return ReadStaff(row, 0); });
}

Result<std::vector<domain::Team>> ListTeams(const Connection& db) {
  Statement statement(db, "SELECT id, program_id, name, setting FROM teams ORDER BY id");
  return Collect<domain::Team>(statement, [](Statement& row) -> Result<domain::Team> {
    Result<domain::TeamSetting> setting = domain::ParseTeamSetting(row.Text(3), "setting");
    if (!setting.ok()) return Corrupt("team setting");
    return domain::Team{row.Int(0), row.Int(1), row.Text(2), *setting};
  });
}

Result<std::vector<domain::Assignment>> ListAssignments(const Connection& db,
                                                        const AssignmentQuery& query) {
  Filter filter(db.dialect());
  if (query.person_id) AddIdFilter(filter, "person_id", *query.person_id);
  if (query.worker_id) AddIdFilter(filter, "worker_id", *query.worker_id);
  if (query.active_only) {
    Day day = query.active_on;
    filter.Add(kActiveOn,
               [day](Statement& statement, int index) {
                 statement.Bind(index, day).Bind(index + 1, day);
               },
               2);
  }
  Statement statement(db, fmt::format("SELECT id, person_id, worker_id, start_on, end_on FROM "
                                      "assignments{} ORDER BY start_on DESC, id DESC{}",
                                      filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<domain::Assignment>(statement, [](Statement& row) -> Result<domain::Assignment> {
    domain::Assignment assignment{row.Int(0), row.Int(1), row.Int(2),
                                  static_cast<Day>(row.Int(3)), std::nullopt};
    if (auto end = row.OptionalInt(4)) assignment.end_on = static_cast<Day>(*end);
    return assignment;
  });
}

Result<std::vector<domain::SupervisionSession>> ListSupervision(const Connection& db,
                                                                const SupervisionQuery& query) {
  Filter filter(db.dialect());
  if (query.supervisee_ids) AddIdsFilter(filter, "supervisee_id", *query.supervisee_ids);
  if (query.supervisor_id) AddIdFilter(filter, "supervisor_id", *query.supervisor_id);
  if (query.from) {
    Instant from = *query.from;
    filter.Add("held_at >= ?", [from](Statement& s, int index) { s.Bind(index, from); });
  }
  if (query.until) {
    Instant until = *query.until;
    filter.Add("held_at < ?", [until](Statement& s, int index) { s.Bind(index, until); });
  }
  Statement statement(
      db, fmt::format("SELECT {} FROM supervision_sessions{} ORDER BY held_at DESC, id DESC{}",
                      kSessionColumns, filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SupervisionSession> sessions,
                             Collect<domain::SupervisionSession>(statement, ReadSession));
  ALONGSIDE_RETURN_IF_ERROR(ReadSessionLinks(db, sessions));
  return sessions;
}

Result<domain::SupervisionSession> GetSupervisionSession(const Connection& db, Id session_id) {
  Statement statement(db, fmt::format("SELECT {} FROM supervision_sessions WHERE id = ?1",
                                      kSessionColumns));
  statement.Bind(1, session_id);
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::SupervisionSession session,
      ExactlyOne(Collect<domain::SupervisionSession>(statement, ReadSession),
                 fmt::format("no supervision session {}", session_id)));
  std::vector<domain::SupervisionSession> one{std::move(session)};
  ALONGSIDE_RETURN_IF_ERROR(ReadSessionLinks(db, one));
  return std::move(one.front());
}

Result<std::vector<domain::Admission>> ListAdmissions(const Connection& db, Id person_id) {
  Statement statement(db,
                      "SELECT id, person_id, kind, admitted_on, discharged_on, place "
                      "FROM admissions WHERE person_id = ?1 ORDER BY admitted_on DESC, id DESC");
  statement.Bind(1, person_id);
  return Collect<domain::Admission>(statement, [](Statement& row) -> Result<domain::Admission> {
    Result<domain::AdmissionKind> kind = domain::ParseAdmissionKind(row.Text(2), "kind");
    if (!kind.ok()) return Corrupt("admission kind");
    domain::Admission admission{row.Int(0), row.Int(1), *kind, static_cast<Day>(row.Int(3)),
                                std::nullopt, row.Text(5)};
    if (auto out = row.OptionalInt(4)) admission.discharged_on = static_cast<Day>(*out);
    return admission;
  });
}

Result<std::vector<domain::Certification>> ListCertifications(const Connection& db,
                                                              Id staff_id) {
  Statement statement(db,
                      "SELECT id, staff_id, name, issued_on, expires_on FROM certifications "
                      "WHERE staff_id = ?1 ORDER BY expires_on DESC");
  statement.Bind(1, staff_id);
  return Collect<domain::Certification>(
      statement, [](Statement& row) -> Result<domain::Certification> {
        return domain::Certification{row.Int(0), row.Int(1), row.Text(2),
                                     static_cast<Day>(row.Int(3)), static_cast<Day>(row.Int(4))};
      });
}

Result<std::vector<CaseloadRow>> Caseloads(const Connection& db, std::optional<Id> team_id,
                                           Instant now) {
  Statement statement(
      db, fmt::format(
              "SELECT {0}, (SELECT count(*) FROM assignments a WHERE a.worker_id = s.id AND "
              "a.start_on <= ?3 AND (a.end_on IS NULL OR a.end_on > ?3)), (SELECT count(*) FROM contacts c WHERE c.worker_id = s.id AND "
              "c.start_at >= ?1), (SELECT count(*) FROM contacts c{1} "
              "WHERE c.worker_id = s.id AND c.status = 'draft') FROM "
              "staff s WHERE s.role IN ('peer_specialist', "
              "'peer_bridger', 'recovery_coach') AND s.active = 1 AND (CAST(?2 AS BIGINT) IS NULL OR s.team_id = "
              "?2) ORDER BY s.team_id, s.display_name, s.id",
              kStaffColumns, IndexedBy(db.dialect(), "contacts_drafts_by_worker")));
  statement.Bind(1, now - 28 * 86400).Bind(2, team_id).Bind(3, DayOf(now));
  return Collect<CaseloadRow>(statement, [](Statement& row) -> Result<CaseloadRow> {
    Result<domain::Staff> staff = ReadStaff(row, 0);
    if (!staff.ok()) return staff.status();
    return CaseloadRow{*staff, row.Int(7), row.Int(8), row.Int(9)};
  });
}

Result<std::vector<WeeklyCount>> ContactsPerWeek(const Connection& db, Instant from,
                                                 Instant until) {
  // 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday.
  Statement statement(db,
                      "SELECT ((start_at / 86400 + 3) / 7) * 7 - 3 AS week, count(*) FROM "
                      "contacts WHERE start_at >= ?1 AND start_at < ?2 GROUP BY week ORDER BY "
                      "week");
  statement.Bind(1, from).Bind(2, until);
  return Collect<WeeklyCount>(statement, [](Statement& row) -> Result<WeeklyCount> {
    return WeeklyCount{static_cast<Day>(row.Int(0)), row.Int(1)};
  });
}

Result<std::vector<CaseloadRow>> CaseloadsOf(const Connection& db,
                                             const std::vector<Id>& worker_ids, Instant now) {
  Statement statement(
      db, fmt::format(
              "SELECT {}, (SELECT count(*) FROM assignments a WHERE a.worker_id = s.id AND "
              "a.start_on <= ?3 AND (a.end_on IS NULL OR a.end_on > ?3)), (SELECT count(*) FROM "
              "contacts c WHERE c.worker_id = s.id AND c.start_at >= ?1), (SELECT count(*) FROM "
              "contacts c{} WHERE c.worker_id = s.id AND "
              "c.status = 'draft') FROM staff s WHERE s.id IN ({}) "
              "ORDER BY s.team_id, s.display_name, s.id",
              kStaffColumns, IndexedBy(db.dialect(), "contacts_drafts_by_worker"),
              IdsIn(db.dialect(), 2)));
  statement.Bind(1, now - 28 * 86400).Bind(2, JsonIds(worker_ids)).Bind(3, DayOf(now));
  return Collect<CaseloadRow>(statement, [](Statement& row) -> Result<CaseloadRow> {
    Result<domain::Staff> staff = ReadStaff(row, 0);
    if (!staff.ok()) return staff.status();
    return CaseloadRow{*staff, row.Int(7), row.Int(8), row.Int(9)};
  });
}

Result<std::vector<WorkerCount>> CountContactsByWorker(const Connection& db,
                                                       const ContactQuery& query) {
  Filter filter = ContactFilter(db.dialect(), query);
  Statement statement(db, "SELECT c.worker_id, count(*) FROM contacts c" + filter.Where() +
                              " GROUP BY c.worker_id ORDER BY c.worker_id");
  filter.Bind(statement);
  return Collect<WorkerCount>(statement, [](Statement& row) -> Result<WorkerCount> {
    return WorkerCount{row.Int(0), row.Int(1)};
  });
}

Result<std::vector<SupervisionHeld>> LatestSupervision(const Connection& db, Id supervisor_id,
                                                       const std::vector<Id>& supervisee_ids) {
  Statement statement(db,
                      "SELECT supervisee_id, max(held_at) FROM supervision_sessions WHERE "
                      "supervisee_id IN (" + IdsIn(db.dialect(), 2) + ") AND supervisor_id = ?1 "
                      "GROUP BY supervisee_id ORDER BY supervisee_id");
  statement.Bind(1, supervisor_id).Bind(2, JsonIds(supervisee_ids));
  return Collect<SupervisionHeld>(statement, [](Statement& row) -> Result<SupervisionHeld> {
    return SupervisionHeld{row.Int(0), row.Int(1)};
  });
}

Result<DisplayNames> NamesOf(const Connection& db, const std::vector<Id>& staff_ids,
                             const std::vector<Id>& person_ids) {
  Statement statement(db,
                      "SELECT 0, id, display_name FROM staff WHERE id IN (" +
                          IdsIn(db.dialect(), 1) +
                          ") UNION ALL SELECT 1, id, preferred_name FROM people WHERE id IN (" +
                          IdsIn(db.dialect(), 2) + ") ORDER BY 1, 2");
  statement.Bind(1, JsonIds(staff_ids)).Bind(2, JsonIds(person_ids));
  DisplayNames names;
  while (statement.Step()) {
    auto& list = statement.Int(0) == 0 ? names.staff : names.people;
    list.emplace_back(statement.Int(1), statement.Text(2));
  }
  if (!statement.status().ok()) return statement.status();
  return names;
}

Result<std::vector<Id>> ActiveWorkersOf(const Connection& db, Id person_id, Day today) {
  Statement statement(db,
                      "SELECT worker_id FROM assignments WHERE person_id = ?1 AND start_on <= ?2 "
                      "AND (end_on IS NULL OR end_on > ?2) ORDER BY worker_id");
  statement.Bind(1, person_id).Bind(2, today);
  return Collect<Id>(statement, [](Statement& row) -> Result<Id> { return row.Int(0); });
}

Result<std::vector<Id>> SuperviseesOf(const Connection& db, Id supervisor_id) {
  return IdsFor(db,
                "SELECT id FROM staff WHERE peer_supervisor_id = ?1 OR "
                "clinical_supervisor_id = ?1 ORDER BY id",
                supervisor_id);
}

Result<std::vector<Annotation>> ListAnnotations(const Connection& db, Id contact_id) {
  Statement statement(db,
                      "SELECT id, contact_id, person_id, words, at FROM annotations WHERE "
                      "contact_id = ?1 ORDER BY at, id");
  statement.Bind(1, contact_id);
  return Collect<Annotation>(statement, [](Statement& row) -> Result<Annotation> {
    return Annotation{row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Int(4)};
  });
}

Result<ProgramSettings> GetProgramSettings(const Connection& db) {
  Statement statement(
      db, "SELECT time_zone, safety_review_hours FROM program_settings WHERE only_row = 1");
  return ExactlyOne(Collect<ProgramSettings>(statement, [](Statement& row) -> Result<ProgramSettings> {
                      return ProgramSettings{row.Text(0), static_cast<int>(row.Int(1))};
                    }),
                    "no program settings");
}

namespace {

constexpr std::string_view kPlanColumns =
    "pc.id, pc.person_id, pc.worker_id, pc.at, pc.setting, pc.place, pc.purpose, pc.status, "
    "pc.created_at";

Result<domain::PlannedContact> ReadPlan(Statement& row) {
  domain::PlannedContact plan;
  plan.id = row.Int(0);
  plan.person_id = row.Int(1);
  plan.worker_id = row.Int(2);
  plan.at = row.Int(3);
  Result<domain::ContactSetting> setting = domain::ParseContactSetting(row.Text(4), "setting");
  if (!setting.ok()) return Corrupt("planned contact setting");
  plan.setting = *setting;
  plan.place = row.Text(5);
  plan.purpose = row.Text(6);
  Result<domain::PlanStatus> status = domain::ParsePlanStatus(row.Text(7), "status");
  if (!status.ok()) return Corrupt("planned contact status");
  plan.status = *status;
  plan.created_at = row.Int(8);
  return plan;
}

}  // namespace

Result<std::vector<domain::ContactAttempt>> ListContactAttempts(const Connection& db, Id person_id,
                                                                int limit) {
  Statement statement(db,
                      "SELECT id, person_id, worker_id, at, setting FROM contact_attempts WHERE "
                      "person_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2");
  statement.Bind(1, person_id).Bind(2, limit);
  return Collect<domain::ContactAttempt>(
      statement, [](Statement& row) -> Result<domain::ContactAttempt> {
        Result<domain::ContactSetting> setting = domain::ParseContactSetting(row.Text(4), "setting");
        if (!setting.ok()) return Corrupt("contact attempt setting");
        return domain::ContactAttempt{row.Int(0), row.Int(1), row.Int(2), row.Int(3), *setting};
      });
}

Result<domain::PlannedContact> GetPlannedContact(const Connection& db, Id plan_id) {
  Statement statement(
      db, fmt::format("SELECT {} FROM planned_contacts pc WHERE pc.id = ?1", kPlanColumns));
  statement.Bind(1, plan_id);
  return ExactlyOne(Collect<domain::PlannedContact>(statement, ReadPlan),
                    "no such planned contact");
}

Result<std::vector<PlannedContactRow>> ListPlannedContacts(const Connection& db,
                                                           const PlanQuery& query) {
  Filter filter(db.dialect());
  if (query.worker_ids) AddIdsFilter(filter, "pc.worker_id", *query.worker_ids);
  if (query.person_id) AddIdFilter(filter, "pc.person_id", *query.person_id);
  if (query.from) {
    Instant from = *query.from;
    filter.Add("pc.at >= ?", [from](Statement& s, int index) { s.Bind(index, from); });
  }
  if (query.until) {
    Instant until = *query.until;
    filter.Add("pc.at < ?", [until](Statement& s, int index) { s.Bind(index, until); });
  }
  if (query.status) {
    std::string status(domain::Name(*query.status));
    filter.Add("pc.status = ?", [status](Statement& s, int index) { s.Bind(index, status); });
  }
  Statement statement(
      db, fmt::format("SELECT {}, p.preferred_name FROM planned_contacts pc JOIN people p ON "
                      "p.id = pc.person_id{} ORDER BY pc.at, pc.id{}",
                      kPlanColumns, filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<PlannedContactRow>(statement, [](Statement& row) -> Result<PlannedContactRow> {
    Result<domain::PlannedContact> plan = ReadPlan(row);
    if (!plan.ok()) return plan.status();
    return PlannedContactRow{std::move(plan).value(), row.Text(9)};
  });
}

Result<Account> FindAccount(const Connection& db, const std::string& username) {
  Statement statement(db, std::string(kAccountSelect) + " WHERE username = ?1");
  statement.Bind(1, username);
  return ExactlyOne(Collect<Account>(statement, ReadAccount), "no such account");
}

Result<Account> GetAccount(const Connection& db, Id account_id) {
  Statement statement(db, std::string(kAccountSelect) + " WHERE id = ?1");
  statement.Bind(1, account_id);
  return ExactlyOne(Collect<Account>(statement, ReadAccount), "no such account");
}

Result<SignedInRecord> FindSignedIn(const Connection& db, const std::string& token_hash) {
  Statement statement(
      db, fmt::format("SELECT s.token_hash, s.account_id, s.csrf_token, s.created_at, "
                      "s.last_seen_at, s.expires_at, coalesce(st.display_name, p.preferred_name, "
                      "''), {}, (SELECT time_zone FROM program_settings WHERE only_row = 1) FROM "
                      "sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN "
                      "staff st ON st.id = a.staff_id LEFT JOIN people p ON p.id = a.person_id "
                      "WHERE s.token_hash = ?1",
                      "a.id, a.username, a.password_hash, a.kind, a.role, a.staff_id, "
                      "a.person_id, a.failed_logins, a.locked_until, a.created_at"));
  statement.Bind(1, token_hash);
  return ExactlyOne(Collect<SignedInRecord>(statement, [](Statement& row) -> Result<SignedInRecord> {
                      Result<Account> account = ReadAccountAt(row, 7);
                      if (!account.ok()) return account.status();
                      return SignedInRecord{
                          Session{row.Text(0), row.Int(1), row.Text(2), row.Int(3), row.Int(4),
                                  row.Int(5)},
                          std::move(account).value(), row.Text(6), row.Text(17)};
                    }),
                    "no such session");
}

Result<Session> FindSession(const Connection& db, const std::string& token_hash) {
  Statement statement(db,
                      "SELECT token_hash, account_id, csrf_token, created_at, last_seen_at, "
                      "expires_at FROM sessions WHERE token_hash = ?1");
  statement.Bind(1, token_hash);
  return ExactlyOne(Collect<Session>(statement, [](Statement& row) -> Result<Session> {
                      return Session{row.Text(0), row.Int(1), row.Text(2),
                                     row.Int(3),  row.Int(4), row.Int(5)};
                    }),
                    "no such session");
}

Result<std::vector<domain::DriftFlag>> ListDriftFlags(const Connection& db,
                                                      const DriftQuery& query) {
  Filter filter(db.dialect());
  if (query.worker_ids) AddIdsFilter(filter, "d.worker_id", *query.worker_ids);
  if (query.contact_id) AddIdFilter(filter, "d.contact_id", *query.contact_id);
  if (query.open_only) filter.Add("d.resolution IS NULL", [](Statement&, int) {}, 0);
  Statement statement(
      db, fmt::format("SELECT {} FROM drift_flags d JOIN contacts c ON c.id = d.contact_id{}"
                      " ORDER BY d.raised_at DESC, d.id DESC{}",
                      kDriftColumns, filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<domain::DriftFlag>(statement, ReadDriftFlag);
}

Result<domain::DriftFlag> GetDriftFlag(const Connection& db, Id flag_id) {
  Statement statement(
      db, fmt::format("SELECT {} FROM drift_flags d JOIN contacts c ON c.id = d.contact_id"
                      " WHERE d.id = ?1",
                      kDriftColumns));
  statement.Bind(1, flag_id);
  return ExactlyOne(Collect<domain::DriftFlag>(statement, ReadDriftFlag),
                    fmt::format("no drift flag {}", flag_id));
}

Result<std::vector<GuardrailCounts>> GuardrailCountsOf(const Connection& db,
                                                       const std::vector<Id>& worker_ids) {
  std::vector<GuardrailCounts> counts;
  for (Id worker : worker_ids) counts.push_back(GuardrailCounts{worker, 0, 0, 0, 0});
  std::sort(counts.begin(), counts.end(),
            [](const GuardrailCounts& a, const GuardrailCounts& b) { return a.worker_id < b.worker_id; });
  counts.erase(std::unique(counts.begin(), counts.end(),
                           [](const GuardrailCounts& a, const GuardrailCounts& b) {
                             return a.worker_id == b.worker_id;
                           }),
               counts.end());
  if (counts.empty()) return counts;
  // Each count is one grouped query; the tables, the worker's column and
  // each count's own condition are fixed text, the ids are bound.
  struct Count {
    const char* from;
    const char* condition;  // "" for none
    const char* worker_column;
    std::int64_t GuardrailCounts::*field;
  };
  static constexpr Count kCounts[] = {
      {"drift_flags d", "d.resolution IS NULL", "d.worker_id",
       &GuardrailCounts::open_drift_flags},
      {"contacts c JOIN contact_versions v ON v.contact_id = c.id AND v.version ="
       " c.current_version",
       "c.status = 'final' AND v.review_flags > 0", "c.worker_id",
       &GuardrailCounts::kept_flagged_notes},
      {"advice_requests a", "", "a.worker_id", &GuardrailCounts::advice_requests},
      {"boundary_events b", "", "b.worker_id", &GuardrailCounts::boundary_events},
  };
  std::vector<Id> ids;
  for (const GuardrailCounts& row : counts) ids.push_back(row.worker_id);
  for (const Count& count : kCounts) {
    Filter filter(db.dialect());
    if (*count.condition != '\0') filter.Add(count.condition, [](Statement&, int) {}, 0);
    AddIdsFilter(filter, count.worker_column, ids);
    Statement statement(db, fmt::format("SELECT {0}, count(*) FROM {1}{2} GROUP BY {0}",
                                        count.worker_column, count.from, filter.Where()));
    filter.Bind(statement);
    while (statement.Step()) {
      const Id worker = statement.Int(0);
      auto row = std::lower_bound(
          counts.begin(), counts.end(), worker,
          [](const GuardrailCounts& entry, Id id) { return entry.worker_id < id; });
      if (row != counts.end() && row->worker_id == worker) (*row).*count.field = statement.Int(1);
    }
    ALONGSIDE_RETURN_IF_ERROR(statement.status());
  }
  return counts;
}

Result<std::vector<domain::AdviceRequest>> ListAdviceRequests(const Connection& db,
                                                              const GuardrailQuery& query) {
  Filter filter(db.dialect());
  AddGuardrailFilter(filter, query);
  Statement statement(
      db, fmt::format("SELECT id, contact_id, person_id, worker_id, recorded_at, asked,"
                      " role_clarified, supported_decision, experience_shared, safety_addressed,"
                      " clinical_connection_offered, note FROM advice_requests{}"
                      " ORDER BY recorded_at DESC, id DESC{}",
                      filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<domain::AdviceRequest>(
      statement, [](Statement& row) -> Result<domain::AdviceRequest> {
        domain::AdviceRequest request;
        request.id = row.Int(0);
        request.contact_id = row.Int(1);
        request.person_id = row.Int(2);
        request.worker_id = row.Int(3);
        request.recorded_at = row.Int(4);
        request.asked = row.Text(5);
        for (size_t step = 0; step < request.steps.size(); ++step) {
          Result<domain::AdviceStepOutcome> outcome =
              domain::ParseAdviceStepOutcome(row.Text(6 + static_cast<int>(step)), "step");
          if (!outcome.ok()) return Corrupt("advice step");
          request.steps[step] = *outcome;
        }
        request.note = row.Text(11);
        return request;
      });
}

Result<std::vector<domain::BoundaryRecord>> ListBoundaryRecords(const Connection& db,
                                                                const GuardrailQuery& query) {
  Filter filter(db.dialect());
  AddGuardrailFilter(filter, query);
  Statement statement(
      db, fmt::format("SELECT id, contact_id, person_id, worker_id, recorded_at, kind,"
                      " gift_value_cents, invitation_public, supports_integration, repeated,"
                      " during_crisis, guidance, guidance_rules, decision, conversation,"
                      " supervisor_consulted, consultation FROM boundary_events{}"
                      " ORDER BY recorded_at DESC, id DESC{}",
                      filter.Where(), filter.Limit()));
  filter.Bind(statement, query.page);
  return Collect<domain::BoundaryRecord>(
      statement, [](Statement& row) -> Result<domain::BoundaryRecord> {
        domain::BoundaryRecord record;
        record.id = row.Int(0);
        record.contact_id = row.Int(1);
        record.person_id = row.Int(2);
        record.worker_id = row.Int(3);
        record.recorded_at = row.Int(4);
        Result<domain::BoundaryEventKind> kind = domain::ParseBoundaryEventKind(row.Text(5), "kind");
        Result<domain::BoundaryDecision> guidance =
            domain::ParseBoundaryDecision(row.Text(11), "guidance");
        Result<domain::BoundaryDecision> decision =
            domain::ParseBoundaryDecision(row.Text(13), "decision");
        if (!kind.ok() || !guidance.ok() || !decision.ok()) return Corrupt("boundary event");
        record.event.kind = *kind;
        record.event.gift_value_cents = row.Int(6);
        record.event.invitation_public = row.Int(7) != 0;
        record.event.invitation_supports_community_integration = row.Int(8) != 0;
        record.event.repeated = row.Int(9) != 0;
        record.event.during_crisis = row.Int(10) != 0;
        record.guidance = *guidance;
        record.guidance_rules = SplitList(row.Text(12));
        record.decision = *decision;
        record.conversation = row.Text(14);
        record.supervisor_consulted = row.Int(15) != 0;
        record.consultation = row.Text(16);
        return record;
      });
}

}  // namespace alongside::store::sql
