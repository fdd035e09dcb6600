// Past one machine (issue 12): two `alongside serve` processes on two ports
// share one PostgreSQL database. A worker signs in on one and records,
// reads and finalizes through the other (sessions live in the database);
// then both take concurrent writes, and the audit chain stays one linear
// chain with no fork or gap. Skipped when no PostgreSQL is reachable.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "store/open.h"
#include "support/test_support.h"

namespace alongside {
namespace {

// A `serve` process, stopped with SIGTERM when the test ends.
class ServeProcess {
 public:
  ServeProcess(const std::string& db, int port) : port_(port) {
    pid_ = fork();
    if (pid_ == 0) {
      std::string binary = ALONGSIDE_BINARY, port_text = std::to_string(port);
      execl(binary.c_str(), binary.c_str(), "serve", "--db", db.c_str(), "--port",
            port_text.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  bool WaitUntilAnswering() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(1, 0);
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (auto response = client.Get("/healthz")) return true;
      if (auto response = client.Get("/sign-in")) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

struct Reply {
  int status = 0;
  nlohmann::json body;
  std::string raw;
};

// One signed-in browser: a cookie and a CSRF token, sent to either server.
struct Session {
  std::string cookie, csrf;

  Reply Send(int port, const std::string& method, const std::string& path,
             const std::string& body = "") {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    if (!csrf.empty()) headers.emplace("X-CSRF-Token", csrf);
    httplib::Result result = method == "GET" ? client.Get(path, headers)
                                             : client.Post(path, headers, body, "application/json");
    Reply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.raw = result->body;
    reply.body = nlohmann::json::parse(result->body, nullptr, false);
    std::string set_cookie = result->get_header_value("Set-Cookie");
    if (!set_cookie.empty()) cookie = set_cookie.substr(0, set_cookie.find(';'));
    return reply;
  }
};

// The first peer worker's username and password in the accounts CSV.
std::pair<std::string, std::string> PeerWorkerSignIn(const std::string& csv_path) {
  std::ifstream csv(csv_path);
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    std::stringstream fields(line);
    std::string username, password, role;
    std::getline(fields, username, ',');
    std::getline(fields, password, ',');
    std::getline(fields, role, ',');
    if (role == "peer_specialist") return {username, password};
  }
  return {};
}

// Contact `index` of the test: 40 minutes apart, starting four days ago
// (97 of them end more than a day ago).
std::string ContactBody(std::int64_t person, int index) {
  std::time_t start = std::time(nullptr) - 4 * 86400 + index * 40 * 60;
  char text[32];
  std::tm parts{};
  gmtime_r(&start, &parts);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:00Z", &parts);
  return nlohmann::json{{"person_id", person},
                        {"start", text},
                        {"duration_minutes", 30},
                        {"setting", "community"},
                        {"modalities", {"emotional"}},
                        {"activities", {"goal_review"}},
                        {"note", "Talked through the week together."}}
      .dump();
}

TEST(TwoServersTest, ShareOneDatabaseAndOneLinearAuditChain) {
  if (!testing::PostgresUnavailable().empty()) GTEST_SKIP() << testing::PostgresUnavailable();
  testing::TempDir dir;
  const std::string db = testing::FreshDatabaseOn("postgres", dir, "");
  const std::string accounts = dir.File("accounts.csv");
  testing::CommandResult synth = testing::RunAlongside(
      {"synth", "--db", db, "--people", "30", "--accounts-file", accounts});
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  auto [username, password] = PeerWorkerSignIn(accounts);
  ASSERT_FALSE(username.empty()) << "no peer worker in " << accounts;

  ServeProcess first(db, testing::FreePort());
  ServeProcess second(db, testing::FreePort());
  ASSERT_TRUE(first.WaitUntilAnswering());
  ASSERT_TRUE(second.WaitUntilAnswering());

  // Signed in on the first server; every later request goes to the second.
  Session session;
  Reply signed_in = session.Send(first.port(), "POST", "/api/v1/session",
                                 nlohmann::json{{"username", username}, {"password", password}}.dump());
  ASSERT_EQ(signed_in.status, 201) << signed_in.raw;
  session.csrf = signed_in.body["csrf_token"];
  Reply people = session.Send(second.port(), "GET", "/api/v1/people");
  ASSERT_EQ(people.status, 200) << people.raw;
  ASSERT_FALSE(people.body["items"].empty()) << people.raw;
  const std::int64_t person = people.body["items"][0]["id"];

  Reply recorded = session.Send(second.port(), "POST", "/api/v1/contacts", ContactBody(person, 0));
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  const std::string path = "/api/v1/contacts/" + std::to_string(recorded.body["id"].get<std::int64_t>());
  Reply read = session.Send(first.port(), "GET", path);
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["current"]["note"], "Talked through the week together.");
  Reply finalized = session.Send(second.port(), "POST", path + "/finalise");
  ASSERT_EQ(finalized.status, 200) << finalized.raw;
  EXPECT_EQ(finalized.body["current"]["status"], "final");

  // Both servers take writes at once: 8 clients, 12 contacts each,
  // alternating between the servers (bounded, on loopback).
  constexpr int kClients = 8, kEach = 12;
  std::atomic<int> created = 0, failed = 0;
  std::mutex first_failure_mutex;
  std::string first_failure;
  std::vector<std::thread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      Session own = session;
      for (int idx = 0; idx < kEach; ++idx) {
        int port = (client + idx) % 2 == 0 ? first.port() : second.port();
        Reply reply = own.Send(port, "POST", "/api/v1/contacts",
                               ContactBody(person, 1 + client * kEach + idx));
        (reply.status == 201 ? created : failed) += 1;
        if (reply.status != 201) {
          std::lock_guard lock(first_failure_mutex);
          if (first_failure.empty()) first_failure = std::to_string(reply.status) + " " + reply.raw;
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(created.load(), kClients * kEach);
  EXPECT_EQ(failed.load(), 0) << "the first refusal: " << first_failure;

  // One linear chain: verified row by row (seq 1, 2, 3, ... each linking
  // to the one before), by the command an operator runs.
  testing::CommandResult verified = testing::RunAlongside({"audit", "verify", "--db", db});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  auto store = store::OpenStore(db, store::OpenMode::kOpenExisting);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store::AuditVerification chain = (*store)->VerifyAudit().value();
  EXPECT_TRUE(chain.intact) << chain.problem;
  std::vector<store::AuditEntry> tail = (*store)->AuditTail(kClients * kEach).value();
  int recorded_rows = 0;
  for (const store::AuditEntry& entry : tail) recorded_rows += entry.action == "contact.record";
  EXPECT_EQ(recorded_rows, kClients * kEach);
}

}  // namespace
}  // namespace alongside
