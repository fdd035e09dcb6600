#include "integration/crash_rounds.h"

#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "store/open.h"
#include "store/postgres/pg_driver.h"
#include "store/sql/statement.h"
#include "store/sqlite/sqlite_driver.h"

namespace alongside::crash {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kMaxProblems = 20;
constexpr auto kServerReadyWithin = std::chrono::seconds(60);
constexpr auto kServerStopsWithin = std::chrono::seconds(30);
constexpr int kAuditVerifyTimeoutMs = 300'000;

void Note(CrashRoundsReport& report, const std::string& problem) {
  if (static_cast<int>(report.problems.size()) < kMaxProblems) report.problems.push_back(problem);
}

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// A port on 127.0.0.1 that was free a moment ago; the server binds it with
// SO_REUSEADDR, so every restart can take it again.
int FreePort() {
  int probe = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(probe);
  return port;
}

// Forks and execs `args`; the child dies with the thread that started it.
// stdout and stderr go to `out_fd` (or /dev/null when it is -1).
pid_t Spawn(const std::vector<std::string>& args, int out_fd) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t parent = getpid();
  pid_t child = fork();
  if (child != 0) return child;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  int null_fd = open("/dev/null", O_RDWR);
  dup2(null_fd, STDIN_FILENO);
  dup2(out_fd >= 0 ? out_fd : null_fd, STDOUT_FILENO);
  dup2(out_fd >= 0 ? out_fd : null_fd, STDERR_FILENO);
  execv(argv[0], argv.data());
  _exit(127);
}

struct CommandOutput {
  int exit_code = -1;  // -1: killed (by a signal or the timeout)
  std::string out;     // stdout and stderr
};

// Runs `args` to completion, for at most `timeout_ms` (then SIGKILL).
CommandOutput RunCommand(const std::vector<std::string>& args, int timeout_ms) {
  CommandOutput result;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return result;
  pid_t child = Spawn(args, pipe_fds[1]);
  close(pipe_fds[1]);
  if (child < 0) {
    close(pipe_fds[0]);
    return result;
  }
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  char buffer[4096];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      kill(child, SIGKILL);
      break;
    }
    pollfd ready{pipe_fds[0], POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t got = read(pipe_fds[0], buffer, sizeof buffer);
    if (got <= 0) break;
    result.out.append(buffer, static_cast<size_t>(got));
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

// One `alongside serve`; killed (SIGKILL) when it goes out of scope.
class ServerProcess {
 public:
  ServerProcess() = default;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() { Kill(); }

  bool Start(const CrashRoundsOptions& options, int port) {
    int log_fd = -1;
    if (!options.server_log.empty()) {
      log_fd = open(options.server_log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    }
    // Every writer and reader comes from 127.0.0.1: keep the per-address
    // connection cap (meant for one abusive client) above what they hold.
    pid_ = Spawn({options.binary, "serve", "--db", options.db, "--port", std::to_string(port),
                  "--threads", std::to_string(options.server_threads),
                  "--max-connections-per-address", std::to_string(2 * options.writers + 8)},
                 log_fd);
    if (log_fd >= 0) close(log_fd);
    return pid_ > 0;
  }

  // False once the process has ended (and reaps it).
  bool Running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == 0) return true;
    pid_ = -1;
    return false;
  }

  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // SIGTERM, then waits; true when the server exited with 0 in time
  // (otherwise it is killed).
  bool Stop() {
    if (pid_ <= 0) return false;
    kill(pid_, SIGTERM);
    auto deadline = Clock::now() + kServerStopsWithin;
    int status = 0;
    while (Clock::now() < deadline) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) && WEXITSTATUS(status) == 0;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Kill();
    return false;
  }

 private:
  pid_t pid_ = -1;
};

std::unique_ptr<httplib::Client> MakeClient(int port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_connection_timeout(2, 0);
  client->set_read_timeout(10, 0);
  client->set_write_timeout(10, 0);
  client->set_keep_alive(true);
  // Otherwise a POST's body waits for the ACK of its headers (Nagle's
  // algorithm against delayed ACKs): 40 ms a write.
  client->set_tcp_nodelay(true);
  return client;
}

// Waits until the server answers any HTTP request (bounded).
bool WaitUntilServing(ServerProcess& server, int port) {
  auto client = MakeClient(port);
  client->set_keep_alive(false);
  auto deadline = Clock::now() + kServerReadyWithin;
  while (Clock::now() < deadline && server.Running()) {
    if (auto answer = client->Get("/api/v1/session")) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

struct Session {
  std::string cookie;
  std::string csrf;

  httplib::Headers Headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

struct Writer {
  int index = 0;
  std::string peer_username;
  Session peer;
  Session person;
  std::int64_t person_id = 0;
};

std::optional<Session> SignIn(httplib::Client& client, const std::string& username,
                              const std::string& password, std::string* error) {
  json body = {{"username", username}, {"password", password}};
  auto answer = client.Post("/api/v1/session", body.dump(), "application/json");
  if (!answer || answer->status != 201) {
    *error = "sign-in of " + username + " answered " +
             (answer ? std::to_string(answer->status) : httplib::to_string(answer.error()));
    return std::nullopt;
  }
  json signed_in = json::parse(answer->body, nullptr, false);
  std::string cookie = answer->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  if (signed_in.is_discarded() || !signed_in.contains("csrf_token") || cookie.empty()) {
    *error = "sign-in of " + username + " gave no session";
    return std::nullopt;
  }
  return Session{cookie, signed_in["csrf_token"].get<std::string>()};
}

struct AccountRow {
  std::string password;
  std::string role;
};

// username -> password and role, from the CSV synth wrote
// (username,password,role,display_name; the first three are never quoted).
std::map<std::string, AccountRow> ReadAccounts(const std::string& path,
                                               std::vector<std::string>* peers_in_order) {
  std::map<std::string, AccountRow> accounts;
  std::ifstream csv(path);
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    std::stringstream fields(line);
    std::string username, password, role;
    if (!std::getline(fields, username, ',') || !std::getline(fields, password, ',') ||
        !std::getline(fields, role, ',')) {
      continue;
    }
    if (role == "peer_specialist") peers_in_order->push_back(username);
    accounts[username] = {password, role};
  }
  return accounts;
}

// Signs in `count` peer specialists, each with a person on their caseload who
// has a sign-in of their own (for the annotations).
std::vector<Writer> SignInWriters(const CrashRoundsOptions& options, int port, std::string* error) {
  std::vector<std::string> peers;
  std::map<std::string, AccountRow> accounts = ReadAccounts(options.accounts_csv, &peers);
  auto client = MakeClient(port);
  std::vector<Writer> writers;
  std::set<std::int64_t> people_taken;
  for (const std::string& username : peers) {
    if (static_cast<int>(writers.size()) == options.writers) break;
    Writer writer;
    writer.index = static_cast<int>(writers.size());
    writer.peer_username = username;
    std::optional<Session> peer = SignIn(*client, username, accounts[username].password, error);
    if (!peer) return {};
    writer.peer = *peer;
    auto listed = client->Get("/api/v1/people?limit=200", writer.peer.Headers());
    if (!listed || listed->status != 200) {
      *error = "the caseload of " + username + " could not be read";
      return {};
    }
    json people = json::parse(listed->body, nullptr, false);
    if (people.is_discarded()) continue;
    for (const json& person : people["items"]) {
      std::int64_t id = person["id"].get<std::int64_t>();
      std::string person_username = "person" + std::to_string(id);
      if (accounts.count(person_username) == 0 || people_taken.count(id) != 0) continue;
      std::optional<Session> session =
          SignIn(*client, person_username, accounts[person_username].password, error);
      if (!session) return {};
      writer.person = *session;
      writer.person_id = id;
      break;
    }
    if (writer.person_id == 0) continue;
    people_taken.insert(writer.person_id);
    writers.push_back(std::move(writer));
  }
  if (static_cast<int>(writers.size()) < options.writers) {
    *error = "only " + std::to_string(writers.size()) + " of " + std::to_string(options.writers) +
             " peer specialists have a person with a sign-in on their caseload (synthesise with "
             "more --accounts)";
    return {};
  }
  return writers;
}

// An hour ago, as the API writes times: the start of a contact may not be in
// the future.
std::string AnHourAgo() {
  std::time_t now = std::time(nullptr) - 3600;
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:00Z", &parts);
  return text;
}

struct WriterOutcome {
  std::vector<Acknowledged> acknowledged;
  std::int64_t refused = 0;
  std::vector<std::string> problems;
};

// Records contact, goal, annotation, contact, ... until `stop`. Only a 201
// counts as acknowledged; a request that got no complete answer (the server
// was killed) is neither acknowledged nor refused.
void WriteUntilStopped(int port, const Writer& writer, int round, const std::atomic<bool>& stop,
                       WriterOutcome& outcome) {
  auto client = MakeClient(port);
  // The body of a 201, or nothing.
  auto post = [&](const std::string& path, const Session& session,
                  const json& body) -> std::optional<json> {
    auto answer = client->Post(path, session.Headers(), body.dump(), "application/json");
    if (!answer) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return std::nullopt;
    }
    if (answer->status != 201) {
      ++outcome.refused;
      if (outcome.problems.size() < 3) {
        outcome.problems.push_back("POST " + path + " answered " + std::to_string(answer->status) +
                                   ": " + answer->body.substr(0, 200));
      }
      return std::nullopt;
    }
    json written = json::parse(answer->body, nullptr, false);
    if (written.is_discarded()) return std::nullopt;
    return written;
  };
  auto acknowledge = [&](Acknowledged::Kind kind, std::int64_t id, std::int64_t contact_id,
                         const std::string& words) {
    outcome.acknowledged.push_back({kind, id, contact_id, words, round, writer.index});
  };

  const std::string start = AnHourAgo();
  for (int seq = 1; !stop.load(); ++seq) {
    std::string tag = "round " + std::to_string(round) + ", writer " +
                      std::to_string(writer.index) + ", #" + std::to_string(seq);
    std::string note = "Crash rounds contact (" + tag + "): walked to the library together.";
    std::optional<json> contact = post("/api/v1/contacts", writer.peer,
                                       {{"person_id", writer.person_id},
                                        {"start", start},
                                        {"duration_minutes", 30},
                                        {"setting", "community"},
                                        {"modalities", {"emotional", "companionship"}},
                                        {"activities", {"goal_review"}},
                                        {"note", note},
                                        {"person_words", "Good to get out."},
                                        {"finalise", true}});
    if (!contact) continue;
    std::int64_t contact_id = (*contact)["id"].get<std::int64_t>();
    acknowledge(Acknowledged::Kind::kContact, contact_id, 0, note);

    std::string goal_words = "Crash rounds goal (" + tag + "): visit the library every week.";
    if (std::optional<json> goal = post("/api/v1/goals", writer.peer,
                                        {{"person_id", writer.person_id}, {"words", goal_words}})) {
      acknowledge(Acknowledged::Kind::kGoal, (*goal)["id"].get<std::int64_t>(), 0, goal_words);
    }

    std::string annotation_words = "Crash rounds annotation (" + tag + "): it was my idea.";
    std::optional<json> annotated =
        post("/api/v1/contacts/" + std::to_string(contact_id) + "/annotations", writer.person,
             {{"words", annotation_words}});
    if (!annotated) continue;
    for (const json& annotation : (*annotated)["annotations"]) {
      if (annotation["words"] == annotation_words) {
        acknowledge(Acknowledged::Kind::kAnnotation, annotation["id"].get<std::int64_t>(),
                    contact_id, annotation_words);
      }
    }
  }
}

const char* KindName(Acknowledged::Kind kind) {
  switch (kind) {
    case Acknowledged::Kind::kContact:
      return "contact";
    case Acknowledged::Kind::kGoal:
      return "goal";
    case Acknowledged::Kind::kAnnotation:
      return "annotation";
  }
  return "write";
}

std::string Describe(const Acknowledged& write, const std::string& what) {
  return std::string(KindName(write.kind)) + " " + std::to_string(write.id) + " (round " +
         std::to_string(write.round) + ", writer " + std::to_string(write.writer) + ") " + what;
}

// Indices into `writes` of those the file lacks or holds with other words;
// `lines` gets one description each.
std::vector<size_t> MissingIndices(const std::string& db, const std::vector<Acknowledged>& writes,
                                   std::vector<std::string>* lines) {
  std::vector<size_t> missing;
  auto all_missing = [&](const std::string& why) {
    missing.clear();
    for (size_t idx = 0; idx < writes.size(); ++idx) {
      missing.push_back(idx);
      lines->push_back(Describe(writes[idx], "unchecked: " + why));
    }
    return missing;
  };
  // Through the store's own drivers, so that the same check reads a SQLite
  // file or a PostgreSQL database.
  std::unique_ptr<store::sql::Connection> connection;
  if (store::IsPostgres(db)) {
    auto opened = store::postgres::PgConnection::Open(db);
    if (!opened.ok()) return all_missing(opened.status().ToString());
    connection = std::move(opened).value();
  } else {
    auto opened = store::sqlite::SqliteConnection::Open(db, false);
    if (!opened.ok()) return all_missing(opened.status().ToString());
    connection = std::move(opened).value();
  }
  // One read transaction: one snapshot for every lookup.
  Status begun = connection->Exec("BEGIN");
  if (!begun.ok()) return all_missing(begun.ToString());
  const char* kQueries[] = {
      "SELECT v.note FROM contacts c JOIN contact_versions v ON v.contact_id = c.id "
      "AND v.version = 1 WHERE c.id = ?1",
      "SELECT words FROM goal_versions WHERE goal_id = ?1 AND version = 1",
      "SELECT words FROM annotations WHERE id = ?1 AND contact_id = ?2",
  };
  for (size_t idx = 0; idx < writes.size(); ++idx) {
    const Acknowledged& write = writes[idx];
    store::sql::Statement query(*connection, kQueries[static_cast<int>(write.kind)]);
    query.Bind(1, write.id);
    if (write.kind == Acknowledged::Kind::kAnnotation) query.Bind(2, write.contact_id);
    if (query.Step()) {
      if (write.words == query.Text(0)) continue;
      missing.push_back(idx);
      lines->push_back(Describe(write, "holds other words"));
    } else {
      missing.push_back(idx);
      lines->push_back(Describe(write, query.status().ok()
                                           ? "is missing from the database"
                                           : "unreadable: " + query.status().ToString()));
    }
  }
  LogIfFailed(connection->Exec("COMMIT"), "end of the read transaction");
  return missing;
}

// Reads every acknowledged contact of `writer` back through the API (with
// the annotations on it) and checks both sessions still sign the writer in.
// Indices into `writes` of those the API does not return as written;
// `unchecked` counts reads that got no answer.
std::vector<size_t> ReadBackThroughApi(int port, const Writer& writer,
                                       const std::vector<Acknowledged>& writes,
                                       std::vector<std::string>* lines, std::int64_t* lost_sessions,
                                       std::int64_t* unchecked) {
  auto client = MakeClient(port);
  for (const Session* session : {&writer.peer, &writer.person}) {
    auto answer = client->Get("/api/v1/session", session->Headers());
    if (!answer) {
      ++*unchecked;
    } else if (answer->status != 200) {
      ++*lost_sessions;
      lines->push_back("a session of writer " + std::to_string(writer.index) + " answered " +
                       std::to_string(answer->status) + " after the restart");
    }
  }
  std::map<std::int64_t, std::vector<size_t>> annotations_by_contact;
  for (size_t idx = 0; idx < writes.size(); ++idx) {
    if (writes[idx].writer == writer.index && writes[idx].kind == Acknowledged::Kind::kAnnotation) {
      annotations_by_contact[writes[idx].contact_id].push_back(idx);
    }
  }
  std::vector<size_t> missing;
  for (size_t idx = 0; idx < writes.size(); ++idx) {
    const Acknowledged& write = writes[idx];
    if (write.writer != writer.index || write.kind != Acknowledged::Kind::kContact) continue;
    auto answer =
        client->Get("/api/v1/contacts/" + std::to_string(write.id), writer.peer.Headers());
    const std::vector<size_t>& annotations = annotations_by_contact[write.id];
    if (!answer) {
      *unchecked += 1 + static_cast<std::int64_t>(annotations.size());
      continue;
    }
    json contact = answer->status == 200 ? json::parse(answer->body, nullptr, false) : json();
    if (answer->status != 200 || contact.is_discarded() || contact["versions"].empty() ||
        contact["versions"][0]["note"] != write.words) {
      missing.push_back(idx);
      lines->push_back(
          Describe(write, "read back through the API answered " + std::to_string(answer->status)));
      for (size_t annotation_idx : annotations) missing.push_back(annotation_idx);
      continue;
    }
    for (size_t annotation_idx : annotations) {
      const Acknowledged& annotation = writes[annotation_idx];
      bool found = false;
      for (const json& present : contact["annotations"]) {
        found = found || (present["id"] == annotation.id && present["words"] == annotation.words);
      }
      if (!found) {
        missing.push_back(annotation_idx);
        lines->push_back(Describe(annotation, "is not on its contact read back through the API"));
      }
    }
  }
  return missing;
}

struct ChainCheck {
  bool intact = false;
  std::int64_t rows = 0;
  std::string said;
};

ChainCheck VerifyChain(const CrashRoundsOptions& options) {
  CommandOutput verified =
      RunCommand({options.binary, "audit", "verify", "--db", options.db}, kAuditVerifyTimeoutMs);
  ChainCheck check;
  check.said = verified.out.substr(0, verified.out.find('\n'));
  check.intact = verified.exit_code == 0 && verified.out.find("intact") != std::string::npos;
  size_t colon = verified.out.find(": ");
  if (check.intact && colon != std::string::npos) {
    check.rows = std::strtoll(verified.out.c_str() + colon + 2, nullptr, 10);
  }
  return check;
}

// Everything one restart checks about the writes of the round before it:
// through the API, in the file, the file's integrity and the audit chain.
// Returns a summary for the progress line.
// `missing` gets the indices into `writes` of those lost.
std::string CheckAfterRestart(const CrashRoundsOptions& options, int port,
                              const std::vector<Writer>& writers,
                              const std::vector<Acknowledged>& writes, CrashRoundsReport& report,
                              std::set<size_t>& missing) {
  std::vector<std::vector<size_t>> missing_by_writer(writers.size());
  std::vector<std::vector<std::string>> lines_by_writer(writers.size());
  std::vector<std::int64_t> lost_sessions(writers.size(), 0), unchecked(writers.size(), 0);
  std::vector<std::thread> readers;
  for (size_t writer_idx = 0; writer_idx < writers.size(); ++writer_idx) {
    readers.emplace_back([&, writer_idx] {
      missing_by_writer[writer_idx] =
          ReadBackThroughApi(port, writers[writer_idx], writes, &lines_by_writer[writer_idx],
                             &lost_sessions[writer_idx], &unchecked[writer_idx]);
    });
  }
  for (std::thread& reader : readers) reader.join();

  std::vector<std::string> lines;
  for (size_t writer_idx = 0; writer_idx < writers.size(); ++writer_idx) {
    missing.insert(missing_by_writer[writer_idx].begin(), missing_by_writer[writer_idx].end());
    lines.insert(lines.end(), lines_by_writer[writer_idx].begin(),
                 lines_by_writer[writer_idx].end());
    report.lost += lost_sessions[writer_idx];
    if (unchecked[writer_idx] > 0) {
      report.incomplete = true;
      lines.push_back(std::to_string(unchecked[writer_idx]) + " reads of writer " +
                      std::to_string(writer_idx) + " got no answer");
    }
  }
  std::vector<size_t> in_file = MissingIndices(options.db, writes, &lines);
  missing.insert(in_file.begin(), in_file.end());
  report.lost += static_cast<std::int64_t>(missing.size());
  for (const std::string& line : lines) Note(report, line);

  std::string integrity = IntegrityCheck(options.db);
  if (integrity != "ok") {
    ++report.integrity_failures;
    Note(report, "integrity_check: " + integrity);
  }
  ChainCheck chain = VerifyChain(options);
  if (!chain.intact) {
    ++report.chain_failures;
    Note(report, "audit verify: " + chain.said);
  }
  report.audit_rows = chain.rows;
  return std::to_string(missing.size()) + " lost, integrity " + integrity + ", audit chain " +
         (chain.intact ? "intact (" + std::to_string(chain.rows) + " rows)" : "BROKEN");
}

}  // namespace

std::vector<std::string> MissingFromStore(const std::string& db,
                                          const std::vector<Acknowledged>& writes) {
  std::vector<std::string> lines;
  MissingIndices(db, writes, &lines);
  return lines;
}

std::string IntegrityCheck(const std::string& db) {
  // PostgreSQL has no whole-database check a client can run without an
  // extension (amcheck); there the audit chain and the read-back stand.
  if (store::IsPostgres(db)) return "ok";
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string why = handle ? sqlite3_errmsg(handle) : "cannot open";
    sqlite3_close(handle);
    return "cannot open " + db + ": " + why;
  }
  sqlite3_busy_timeout(handle, 10'000);
  sqlite3_stmt* check = nullptr;
  std::string found;
  if (sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &check, nullptr) != SQLITE_OK) {
    found = sqlite3_errmsg(handle);
  } else {
    int stepped;
    while ((stepped = sqlite3_step(check)) == SQLITE_ROW) {
      if (!found.empty()) found += "; ";
      const unsigned char* text = sqlite3_column_text(check, 0);
      found += text ? reinterpret_cast<const char*>(text) : "";
    }
    if (stepped != SQLITE_DONE)
      found += std::string(found.empty() ? "" : "; ") + sqlite3_errmsg(handle);
  }
  sqlite3_finalize(check);
  sqlite3_close(handle);
  return found;
}

CrashRoundsReport RunCrashRounds(const CrashRoundsOptions& options) {
  CrashRoundsReport report;
  auto started = Clock::now();
  auto finish = [&] {
    report.seconds = SecondsSince(started);
    return report;
  };
  auto fail_setup = [&](const std::string& why) {
    report.incomplete = true;
    Note(report, why);
    return finish();
  };
  int port = FreePort();
  if (port == 0) return fail_setup("no free port on 127.0.0.1");
  std::mt19937_64 random(options.seed);
  std::uniform_int_distribution<int> kill_after_ms(options.min_kill_ms, options.max_kill_ms);

  std::vector<Writer> writers;
  std::vector<Acknowledged> all_writes;
  std::vector<Acknowledged> last_round;
  std::vector<char> counted_lost;  // per write in all_writes
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  for (int round = 1; round <= options.rounds + 1; ++round) {
    const bool checking_only = round > options.rounds;  // the restart after the last kill
    ServerProcess server;
    auto start_at = Clock::now();
    if (!server.Start(options, port) || !WaitUntilServing(server, port)) {
      return fail_setup("round " + std::to_string(round) + ": the server did not start on port " +
                        std::to_string(port) + " (see " + options.server_log + ")");
    }
    double start_seconds = SecondsSince(start_at);
    std::string checked = "first round";
    if (round == 1) {
      std::string error;
      writers = SignInWriters(options, port, &error);
      if (writers.empty()) return fail_setup(error);
      report.sessions = 2 * static_cast<std::int64_t>(writers.size());
      report.acknowledged += report.sessions;
    } else {
      std::set<size_t> missing;
      checked = CheckAfterRestart(options, port, writers, last_round, report, missing);
      for (size_t idx : missing) counted_lost[all_writes.size() - last_round.size() + idx] = 1;
      ++report.rounds;
    }
    if (checking_only) {
      report.stopped_cleanly = server.Stop();
      if (!report.stopped_cleanly) Note(report, "the server did not stop cleanly on SIGTERM");
      say("after round " + std::to_string(round - 1) + ": restarted in " + Fixed(start_seconds, 2) +
          " s; " + checked);
      break;
    }

    std::atomic<bool> stop{false};
    std::vector<WriterOutcome> outcomes(writers.size());
    std::vector<std::thread> threads;
    for (size_t writer_idx = 0; writer_idx < writers.size(); ++writer_idx) {
      threads.emplace_back([&, writer_idx] {
        WriteUntilStopped(port, writers[writer_idx], round, stop, outcomes[writer_idx]);
      });
    }
    int kill_ms = kill_after_ms(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_ms));
    bool was_running = server.Running();
    server.Kill();
    stop = true;
    for (std::thread& thread : threads) thread.join();
    if (!was_running) {
      report.incomplete = true;
      Note(report, "round " + std::to_string(round) + ": the server had exited before the kill");
    }

    last_round.clear();
    for (WriterOutcome& outcome : outcomes) {
      report.refused += outcome.refused;
      for (const std::string& problem : outcome.problems) Note(report, problem);
      last_round.insert(last_round.end(), outcome.acknowledged.begin(), outcome.acknowledged.end());
    }
    std::int64_t counts[3] = {0, 0, 0};
    for (const Acknowledged& write : last_round) ++counts[static_cast<int>(write.kind)];
    report.contacts += counts[0];
    report.goals += counts[1];
    report.annotations += counts[2];
    report.acknowledged += static_cast<std::int64_t>(last_round.size());
    all_writes.insert(all_writes.end(), last_round.begin(), last_round.end());
    counted_lost.resize(all_writes.size(), 0);
    say("round " + std::to_string(round) + ": started in " + Fixed(start_seconds, 2) + " s; " +
        (round == 1 ? checked : "previous round: " + checked) + "; killed after " +
        std::to_string(kill_ms) + " ms with " + std::to_string(last_round.size()) +
        " writes acknowledged (" + std::to_string(counts[0]) + " contacts, " +
        std::to_string(counts[1]) + " goals, " + std::to_string(counts[2]) + " annotations)");
  }

  // A later crash must not take an earlier round's writes either.
  std::vector<std::string> lines;
  for (size_t idx : MissingIndices(options.db, all_writes, &lines)) {
    if (counted_lost[idx]) continue;
    ++report.lost;
    counted_lost[idx] = 1;
  }
  for (const std::string& line : lines) Note(report, "at the end: " + line);
  std::string integrity = IntegrityCheck(options.db);
  if (integrity != "ok") {
    ++report.integrity_failures;
    Note(report, "integrity_check after the clean stop: " + integrity);
  }
  ChainCheck chain = VerifyChain(options);
  if (!chain.intact) {
    ++report.chain_failures;
    Note(report, "audit verify after the clean stop: " + chain.said);
  }
  report.audit_rows = chain.rows;
  return finish();
}

}  // namespace alongside::crash
