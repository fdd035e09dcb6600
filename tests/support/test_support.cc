#include "support/test_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "store/open.h"

namespace alongside::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "alongside-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

namespace {

std::string ReadAll(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t got;
  while ((got = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(got));
  close(fd);
  return text;
}

}  // namespace

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

bool TestingPostgres() {
  const char* backend = std::getenv("ALONGSIDE_TEST_BACKEND");
  return backend && std::string(backend) == "postgres";
}

std::string PostgresUnavailable() {
  const char* url = std::getenv("ALONGSIDE_TEST_PG_URL");
  if (!url || !*url) {
    return "ALONGSIDE_TEST_PG_URL is not set: run the suites under scripts/with-postgres.sh";
  }
  return "";
}

namespace {

// `url` (postgresql://user@host/db?params) with its database replaced.
std::string WithDatabase(const std::string& url, const std::string& database) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("ALONGSIDE_TEST_PG_URL must be a URL");
  size_t path = url.find('/', scheme + 3);
  size_t query = url.find('?', scheme + 3);
  if (path == std::string::npos || (query != std::string::npos && path > query)) path = query;
  std::string head = url.substr(0, path == std::string::npos ? url.size() : path);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + database + tail;
}

void AdminCommand(const std::string& sql) {
  PGconn* conn = PQconnectdb(std::getenv("ALONGSIDE_TEST_PG_URL"));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL: " + message);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + message);
}

// Databases this process created, dropped when it ends.
class CreatedDatabases {
 public:
  ~CreatedDatabases() {
    // ALONGSIDE_TEST_KEEP_DATABASES=1 keeps them, to look at after a failure.
    if (std::getenv("ALONGSIDE_TEST_KEEP_DATABASES")) return;
    for (const std::string& name : names_) {
      try {
        AdminCommand(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name));
      } catch (const std::exception&) {
        // The cluster may already be gone; it is thrown away whole.
      }
    }
  }
  void Add(const std::string& name) {
    std::lock_guard lock(mutex_);
    names_.push_back(name);
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> names_;
};

std::string FreshPostgresDatabase() {
  static CreatedDatabases created;
  static std::atomic<int> counter = 0;
  std::string name = fmt::format("alongside_test_{}_{}_{}", getpid(), counter++,
                                 std::random_device()() % 1000000);
  AdminCommand("CREATE DATABASE " + name);
  created.Add(name);
  return WithDatabase(std::getenv("ALONGSIDE_TEST_PG_URL"), name);
}

}  // namespace

std::string FreshDatabaseOn(const std::string& backend, const TempDir& dir,
                            const std::string& name) {
  if (backend == "postgres") return FreshPostgresDatabase();
  return dir.File(name);
}

std::string FreshDatabase(const TempDir& dir, const std::string& name) {
  return FreshDatabaseOn(TestingPostgres() ? "postgres" : "sqlite", dir, name);
}

std::unique_ptr<store::Store> OpenTestStore(const TempDir& dir, const std::string& name) {
  Result<std::unique_ptr<store::Store>> opened =
      store::OpenStore(FreshDatabase(dir, name), store::OpenMode::kCreate);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

CommandResult RunAlongside(const std::vector<std::string>& args, const std::string& input) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t child = fork();
  if (child == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      close(fd);
    }
    std::vector<char*> argv;
    std::string binary = ALONGSIDE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::thread writer([&] {
    if (!input.empty()) {
      ssize_t ignored = write(in_pipe[1], input.data(), input.size());
      (void)ignored;
    }
    close(in_pipe[1]);
  });
  CommandResult result;
  std::thread err_reader([&] { result.err = ReadAll(err_pipe[0]); });
  result.out = ReadAll(out_pipe[0]);
  err_reader.join();
  writer.join();
  int status = 0;
  waitpid(child, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

SmallProgram MakeSmallProgram(store::Store& store) {
  SmallProgram ids;
  ids.program = store.AddProgram({0, "Test program"}, kTestActor).value();
  ids.team = store.AddTeam({0, ids.program, "Test team", domain::TeamSetting::kCommunityAgency},
                           kTestActor).value();
  domain::Staff worker{0, ids.team, "Worker One", domain::Role::kPeerSpecialist,
                       std::nullopt, std::nullopt, true};
  ids.worker = store.AddStaff(worker, kTestActor).value();
  worker.display_name = "Worker Two";
  ids.other_worker = store.AddStaff(worker, kTestActor).value();
  domain::Person person;
  person.team_id = ids.team;
  person.preferred_name = "Sam T.";
  person.enrolled_on = 20000;
  ids.person = store.AddPerson(person, kTestActor).value();
  person.preferred_name = "Robin Q.";
  ids.other_person = store.AddPerson(person, kTestActor).value();
  store.AddAssignment({0, ids.person, ids.worker, 20000, std::nullopt}, kTestActor).value();
  store.AddAssignment({0, ids.other_person, ids.other_worker, 20000, std::nullopt}, kTestActor)
      .value();
  return ids;
}

domain::ContactVersion DraftVersion(domain::Id worker, Instant start, int minutes) {
  domain::ContactVersion version;
  version.start = start;
  version.end = start + minutes * 60;
  version.setting = domain::ContactSetting::kCommunity;
  version.modalities = domain::ModalityBit(domain::Modality::kEmotional);
  version.activities = {"goal_review"};
  version.note = "Met for coffee and talked about the week.";
  version.person_words = "It helped to talk.";
  version.written_by = worker;
  version.written_at = version.end;
  return version;
}

}  // namespace alongside::testing
