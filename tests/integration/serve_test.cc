// `alongside serve` as a process: it answers, and SIGTERM stops it cleanly.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <httplib.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "support/test_support.h"

namespace alongside {
namespace {


TEST(ServeProcessTest, AnswersThenStopsGracefullyOnSigterm) {
  testing::TempDir dir;
  std::string db = dir.File("p.db");
  ASSERT_EQ(testing::RunAlongside({"synth", "--db", db, "--people", "40", "--end", "2026-06-30"})
                .exit_code, 0);
  int port = testing::FreePort();
  pid_t child = fork();
  if (child == 0) {
    std::string binary = ALONGSIDE_BINARY, port_text = std::to_string(port);
    execl(binary.c_str(), binary.c_str(), "serve", "--db", db.c_str(), "--port", port_text.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(5, 0);
  int status_code = 0;
  std::string body;
  for (int attempt = 0; attempt < 100 && status_code == 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (auto response = client.Get("/api/v1/program/summary")) {
      status_code = response->status;
      body = response->body;
    }
  }
  EXPECT_NE(status_code, 0) << "server did not answer";
  EXPECT_EQ(status_code, 200);
  EXPECT_NE(body.find("\"people_served\":40"), std::string::npos) << body;

  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by a signal instead of shutting down";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Behind TLS the session cookie must be Secure: `serve --secure-cookies`.
TEST(ServeProcessTest, SecureCookiesCanBeSetFromTheCommandLine) {
  testing::TempDir dir;
  std::string db = dir.File("p.db");
  ASSERT_EQ(testing::RunAlongside({"synth", "--db", db, "--people", "20", "--end", "2026-06-30"})
                .exit_code, 0);
  std::ifstream accounts(db + ".accounts.csv");
  std::string line;
  std::getline(accounts, line);  // header
  std::getline(accounts, line);
  const std::string username = line.substr(0, line.find(','));
  const std::string password =
      line.substr(line.find(',') + 1, line.find(',', line.find(',') + 1) - line.find(',') - 1);
  int port = testing::FreePort();
  pid_t child = fork();
  if (child == 0) {
    std::string binary = ALONGSIDE_BINARY, port_text = std::to_string(port);
    execl(binary.c_str(), binary.c_str(), "serve", "--db", db.c_str(), "--port", port_text.c_str(),
          "--secure-cookies", static_cast<char*>(nullptr));
    _exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(5, 0);
  std::string cookie;
  int status_code = 0;
  for (int attempt = 0; attempt < 100 && status_code == 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (auto response = client.Post(
            "/api/v1/session",
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
            "application/json")) {
      status_code = response->status;
      cookie = response->get_header_value("Set-Cookie");
    }
  }
  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(status_code, 201) << username;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
}

}  // namespace
}  // namespace alongside
