#include "cli/accounts.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "store/open.h"

namespace alongside::cli {
namespace {

const char* RoleShortName(domain::Role role) {
  switch (role) {
    case domain::Role::kPeerSpecialist: return "peer";
    case domain::Role::kPeerBridger: return "bridger";
    case domain::Role::kRecoveryCoach: return "coach";
    case domain::Role::kSeniorPeerSupervisor: return "peersup";
    case domain::Role::kClinicalSupervisor: return "clinsup";
    case domain::Role::kClinician: return "clinician";
    case domain::Role::kProgramManager: return "manager";
    case domain::Role::kEvaluator: return "evaluator";
    case domain::Role::kAdministrator: return "admin";
  }
  return "staff";
}

// A CSV field, quoted when it holds a comma, quote or newline.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

struct Planned {
  store::Account account;
  std::string password;
  std::string display_name;
};

struct StoryIds {
  store::Id worker = 0, person = 0, supervisor = 0;
};

// The first person with a sign-in whose current peer worker has a senior
// peer supervisor.
Result<std::optional<StoryIds>> FindStory(store::Store& store, int people_with_sign_ins) {
  for (int person_id = 1; person_id <= people_with_sign_ins; ++person_id) {
    store::AssignmentQuery query;
    query.person_id = person_id;
    query.active_only = false;
    Result<std::vector<domain::Assignment>> assignments = store.ListAssignments(query);
    if (!assignments.ok()) return assignments.status();
    for (const domain::Assignment& assignment : *assignments) {
      if (assignment.end_on) continue;
      Result<domain::Staff> worker = store.GetStaff(assignment.worker_id);
      if (!worker.ok()) return worker.status();
      if (!domain::IsPeerWorkerRole(worker->role) || !worker->peer_supervisor_id) continue;
      Result<domain::Staff> supervisor = store.GetStaff(*worker->peer_supervisor_id);
      if (!supervisor.ok()) return supervisor.status();
      if (supervisor->role != domain::Role::kSeniorPeerSupervisor) continue;
      return std::optional<StoryIds>(StoryIds{worker->id, person_id, supervisor->id});
    }
  }
  return std::optional<StoryIds>();
}

bool IsStaff(const Planned& item, store::Id staff_id) {
  return item.account.kind == store::AccountKind::kStaff && item.account.staff_id == staff_id;
}

bool IsPerson(const Planned& item, store::Id person_id) {
  return item.account.kind == store::AccountKind::kPerson && item.account.person_id == person_id;
}

std::string RoleText(const store::Account& account) {
  return account.role ? std::string(domain::Name(*account.role)) : "person_served";
}

SyntheticSignIn SignInOf(const Planned& item) {
  return {item.account.username, item.password, RoleText(item.account), item.display_name};
}

}  // namespace

std::string SyntheticUsername(const store::Account& account) {
  if (account.kind == store::AccountKind::kPerson) {
    return fmt::format("person{}", account.person_id.value_or(0));
  }
  return fmt::format("{}{}", RoleShortName(*account.role), account.staff_id.value_or(0));
}

std::string AccountsFileFor(const std::string& db, const std::string& chosen) {
  if (!chosen.empty()) return chosen;
  if (store::IsPostgres(db)) return "alongside-accounts.csv";
  return db + ".accounts.csv";
}

Result<AccountsReport> CreateSyntheticAccounts(store::Store& store, const std::string& csv_path,
                                               int max_people,
                                               const server::AuthOptions& options) {
  std::vector<Planned> planned;
  AccountsReport report;
  for (int offset = 0;; offset += 200) {
    store::StaffQuery query;
    query.page = {200, offset};
    Result<std::vector<domain::Staff>> staff = store.ListStaff(query);
    if (!staff.ok()) return staff.status();
    for (const domain::Staff& member : *staff) {
      Planned item;
      item.account.kind = store::AccountKind::kStaff;
      item.account.role = member.role;
      item.account.staff_id = member.id;
      item.display_name = member.display_name;
      planned.push_back(std::move(item));
      ++report.staff;
    }
    if (staff->size() < 200) break;
  }
  for (int person_id = 1; person_id <= max_people; ++person_id) {
    Result<domain::Person> person = store.GetPerson(person_id);
    if (!person.ok()) break;
    Planned item;
    item.account.kind = store::AccountKind::kPerson;
    item.account.person_id = person_id;
    item.display_name = person->preferred_name;
    planned.push_back(std::move(item));
    ++report.people;
  }
  Result<std::optional<StoryIds>> story = FindStory(store, report.people);
  if (!story.ok()) return story.status();
  if (*story) {
    // The story's three accounts first, in the order a newcomer meets them.
    auto rank = [&](const Planned& item) {
      if (IsStaff(item, (*story)->worker)) return 0;
      if (IsPerson(item, (*story)->person)) return 1;
      if (IsStaff(item, (*story)->supervisor)) return 2;
      return 3;
    };
    std::stable_sort(
        planned.begin(), planned.end(),
        [&](const Planned& left, const Planned& right) { return rank(left) < rank(right); });
  }
  // argon2id is deliberately slow: hash on every core.
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (size_t idx = next++; idx < planned.size() && !failed; idx = next++) {
      Planned& item = planned[idx];
      item.password = server::RandomToken(6);
      Result<std::string> hash = server::HashPassword(item.password, options);
      if (!hash.ok()) {
        failed = true;
        return;
      }
      item.account.password_hash = *hash;
      item.account.username = SyntheticUsername(item.account);
    }
  };
  std::vector<std::thread> workers;
  for (unsigned idx = 0; idx < std::max(1u, std::thread::hardware_concurrency()); ++idx) {
    workers.emplace_back(work);
  }
  for (std::thread& worker : workers) worker.join();
  if (failed) return Status::Internal("could not hash the synthetic passwords");

  report.csv_path = csv_path;
  std::ofstream csv(report.csv_path, std::ios::trunc);
  if (!csv) return Status::Unavailable("cannot write " + report.csv_path);
  chmod(report.csv_path.c_str(), 0600);
  csv << "username,password,role,display_name\n";
  store::Actor actor{"cli:synth", "local"};
  for (const Planned& item : planned) {
    Result<store::Id> id = store.AddAccount(item.account, actor);
    if (!id.ok()) return id.status();
    csv << item.account.username << ',' << item.password << ',' << RoleText(item.account) << ','
        << CsvField(item.display_name) << '\n';
  }
  if (!csv.flush()) return Status::Unavailable("cannot write " + report.csv_path);
  if (*story)
    report.story = DemoStory{SignInOf(planned[0]), SignInOf(planned[1]), SignInOf(planned[2])};
  return report;
}

}  // namespace alongside::cli
