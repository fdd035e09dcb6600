// The transport and sign-in findings of the outside security test, each as a
// regression test: bodies refused while they stream (chunked, oversized, or
// sent to a signed-in route without a session), slow clients cut off and
// capped per address, the lock-out counted before the password is checked,
// one answer and one cost for every refused sign-in, login CSRF refused,
// private database files, CSRF tokens only in form bodies, other sessions
// ended on request and on a password change, and the security headers on
// every answer. A bound on time in these tests is the failure criterion
// (the old server never answered), not a speed claim.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <latch>
#include <thread>
#include <vector>

#include "api_fixture.h"

namespace alongside::server::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A client that writes raw bytes, from a chosen loopback source address.
class RawConnection {
 public:
  RawConnection(int port, const char* source = "127.0.0.1") {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source, &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    connected_ = bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0 &&
                 connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0;
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool Send(std::string_view bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Everything the server sends until it closes the connection, or until
  // `timeout_ms` pass (then closed() is false).
  std::string ReceiveUntilClosed(int timeout_ms) {
    std::string received;
    Clock::time_point give_up = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      int left = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(give_up - Clock::now()).count());
      pollfd entry{fd_, POLLIN, 0};
      if (left <= 0 || poll(&entry, 1, left) <= 0) return received;
      char chunk[4096];
      ssize_t got = recv(fd_, chunk, sizeof chunk, 0);
      if (got <= 0) {
        closed_ = true;
        return received;
      }
      received.append(chunk, static_cast<size_t>(got));
    }
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

constexpr int kNoAnswerMs = 5000;  // the old server was still reading after this

class HardeningTest : public ApiTest {
 protected:
  store::Account Account(const std::string& username) {
    return store_->FindAccount(username).value();
  }
};

TEST_F(HardeningTest, ChunkedBodiesAreRefusedBeforeTheyAreRead) {
  for (const char* path : {"/api/v1/goals", "/api/v1/session", "/login"}) {
    RawConnection raw(port_);
    ASSERT_TRUE(raw.connected());
    ASSERT_TRUE(raw.Send(std::string("POST ") + path +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n100000\r\n" +
                         std::string(4096, 'x')));
    std::string answer = raw.ReceiveUntilClosed(kNoAnswerMs);
    EXPECT_EQ(StatusOf(answer), 411) << path << ": " << answer.substr(0, 200);
    EXPECT_NE(answer.find("Transfer-Encoding"), std::string::npos) << answer;
    EXPECT_TRUE(raw.closed()) << path << ": the connection must end (the body was not read)";
  }
}

TEST_F(HardeningTest, AnOversizedBodyIsRefusedBeforeItIsRead) {
  RawConnection raw(port_);
  ASSERT_TRUE(raw.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nContent-Length: 67108864\r\n\r\n{"));
  std::string answer = raw.ReceiveUntilClosed(kNoAnswerMs);
  EXPECT_EQ(StatusOf(answer), 413) << answer.substr(0, 200);
  EXPECT_TRUE(raw.closed());
}

TEST_F(HardeningTest, ASignedInRouteReadsNoBodyWithoutASession) {
  RawConnection api(port_);
  ASSERT_TRUE(api.Send("POST /api/v1/goals HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n{"));
  std::string answer = api.ReceiveUntilClosed(kNoAnswerMs);
  EXPECT_EQ(StatusOf(answer), 401) << answer.substr(0, 200);
  EXPECT_TRUE(api.closed());

  RawConnection page(port_);
  ASSERT_TRUE(page.Send("POST /contacts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\n"
                        "Content-Length: 500000\r\n\r\nnote="));
  answer = page.ReceiveUntilClosed(kNoAnswerMs);
  EXPECT_EQ(StatusOf(answer), 303) << answer.substr(0, 200);
  EXPECT_NE(answer.find("Location: /login"), std::string::npos);
}

TEST_F(HardeningTest, TheJsonApiTakesOnlyJson) {
  httplib::Client client("127.0.0.1", port_);
  // The body a text/plain form would send, naming the password twice.
  auto result = client.Post("/api/v1/session",
                            R"({"username":"peer","password":"x","password":"correct horse battery"})",
                            "text/plain");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 415) << result->body;
  EXPECT_NE(result->body.find("Content-Type"), std::string::npos) << result->body;
  result = client.Post("/api/v1/session",
                       R"({"username":"peer","password":"x","password":"correct horse battery"})",
                       "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400) << result->body;
  EXPECT_NE(result->body.find("more than once"), std::string::npos) << result->body;
  EXPECT_EQ(Account("peer").failed_logins, 0) << "a refused body must not count as a try";
}

TEST_F(HardeningTest, SigningInFromAnotherSiteIsRefused) {
  const std::string body = nlohmann::json{{"username", "peer"}, {"password", kPassword}}.dump();
  httplib::Client client("127.0.0.1", port_);
  auto foreign = client.Post("/api/v1/session", {{"Origin", "https://attacker.example"}}, body,
                             "application/json");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403) << foreign->body;
  EXPECT_FALSE(foreign->has_header("Set-Cookie"));
  auto cross_site = client.Post("/api/v1/session", {{"Sec-Fetch-Site", "cross-site"}}, body,
                                "application/json");
  ASSERT_TRUE(cross_site);
  EXPECT_EQ(cross_site->status, 403);
  auto login_page = client.Post("/login", {{"Origin", "https://attacker.example"}},
                                "username=peer&password=x&csrf_token=x",
                                "application/x-www-form-urlencoded");
  ASSERT_TRUE(login_page);
  EXPECT_EQ(login_page->status, 403);
  auto null_origin = client.Post("/api/v1/session", {{"Origin", "null"}}, body, "application/json");
  ASSERT_TRUE(null_origin);
  EXPECT_EQ(null_origin->status, 403) << "an opaque origin without Sec-Fetch-Site";
  // Chromium's own form post: Sec-Fetch-Site decides.
  auto browser = client.Post("/login", {{"Origin", "null"}, {"Sec-Fetch-Site", "same-origin"}},
                             "username=peer&password=x&csrf_token=x",
                             "application/x-www-form-urlencoded");
  ASSERT_TRUE(browser);
  EXPECT_EQ(browser->status, 403) << "refused by its missing login cookie, not by its origin";
  EXPECT_EQ(store_->AuditTail(1).value().back().action, "csrf.refused");
  // The same request from Alongside's own page signs in.
  auto own = client.Post("/api/v1/session",
                         {{"Origin", "http://127.0.0.1:" + std::to_string(port_)},
                          {"Sec-Fetch-Site", "same-origin"}},
                         body, "application/json");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 201) << own->body;
}

TEST_F(HardeningTest, ParallelGuessesCheckNoMoreThanTheAllowedNumber) {
  constexpr int kGuesses = 16;
  // cpp-httplib's client builds a static regex on first use, inside the
  // (uninstrumented) library: use it once here, so that ThreadSanitizer sees
  // the guessers start after it exists.
  ASSERT_EQ(ApiClient(port_).SignIn("nobody-here", "warming up").status, 401);
  std::latch start(kGuesses);
  std::atomic<int> refused{0};
  std::vector<std::thread> guessers;
  for (int guess = 0; guess < kGuesses; ++guess) {
    guessers.emplace_back([&, guess] {
      ApiClient client(port_);
      start.arrive_and_wait();
      if (client.SignIn("peer", "wrong guess " + std::to_string(guess)).status == 401) ++refused;
    });
  }
  for (std::thread& guesser : guessers) guesser.join();
  EXPECT_EQ(refused.load(), kGuesses);
  store::Account account = Account("peer");
  EXPECT_EQ(account.failed_logins, TestAuthOptions().max_failed_logins)
      << "every guess past the limit must be refused without checking its password";
  EXPECT_GT(account.locked_until, NowUtc());
  // Only the allowed number of passwords were checked: the audit says so.
  int checked = 0;
  const std::vector<store::AuditEntry> tail = store_->AuditTail(200).value();
  for (const store::AuditEntry& entry : tail) {
    if (entry.action == "session.sign_in" && entry.detail == "wrong password") ++checked;
  }
  EXPECT_EQ(checked, TestAuthOptions().max_failed_logins);
  ApiClient late(port_);
  EXPECT_EQ(late.SignIn("peer").status, 401) << "the right password while locked";
}

TEST_F(HardeningTest, ALockedAccountAndAnUnknownNameGetTheSameAnswer) {
  for (int attempt = 0; attempt < TestAuthOptions().max_failed_logins; ++attempt) {
    ApiClient(port_).SignIn("peer", "wrong");
  }
  ASSERT_GT(Account("peer").locked_until, NowUtc());
  ApiResponse locked = ApiClient(port_).SignIn("peer");
  ApiResponse unknown = ApiClient(port_).SignIn("nobody-here");
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(locked.raw, unknown.raw);
  EXPECT_EQ(locked.body.dump().find("this account"), std::string::npos) << locked.raw;
}

// With a real argon2id cost the old server answered a locked account in
// 0.7 ms and an unknown name in 19.7 ms: both now check one password hash.
class SignInCostTest : public HardeningTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.auth.argon_ops = 2;
    options.auth.argon_memory_bytes = 4 * 1024 * 1024;
  }
};

TEST_F(SignInCostTest, ALockedAccountCostsAsMuchAsAnUnknownName) {
  for (int attempt = 0; attempt < TestAuthOptions().max_failed_logins; ++attempt) {
    ApiClient(port_).SignIn("peer", "x");
  }
  ASSERT_GT(Account("peer").locked_until, NowUtc());
  auto time_one = [&](const std::string& username) {
    ApiClient client(port_);
    Clock::time_point begin = Clock::now();
    EXPECT_EQ(client.SignIn(username, "a wrong password").status, 401);
    return std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
  };
  std::vector<double> locked, unknown;
  for (int round = 0; round < 9; ++round) {
    locked.push_back(time_one("peer"));
    unknown.push_back(time_one("nobody-here"));
  }
  auto median = [](std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
  };
  double ratio = median(locked) / median(unknown);
  EXPECT_GT(ratio, 0.5) << "locked " << median(locked) << " ms, unknown " << median(unknown) << " ms";
  EXPECT_LT(ratio, 2.0) << "locked " << median(locked) << " ms, unknown " << median(unknown) << " ms";
}

TEST_F(HardeningTest, APageFormTakesItsCsrfTokenOnlyFromItsBody) {
  ApiClient peer = SignedIn("peer");
  httplib::Client client("127.0.0.1", port_);
  httplib::Headers cookie{{"Cookie", peer.cookie()}};
  auto in_query = client.Post("/logout?csrf_token=" + peer.csrf(), cookie, "",
                              "application/x-www-form-urlencoded");
  ASSERT_TRUE(in_query);
  EXPECT_EQ(in_query->status, 403);
  EXPECT_EQ(peer.Send("GET", "/api/v1/session").status, 200) << "still signed in";
  auto in_body = client.Post("/logout", cookie, "csrf_token=" + peer.csrf(),
                             "application/x-www-form-urlencoded");
  ASSERT_TRUE(in_body);
  EXPECT_EQ(in_body->status, 303);
  EXPECT_EQ(peer.Send("GET", "/api/v1/session").status, 401);
}

TEST_F(HardeningTest, SigningOutEverywhereElseEndsTheOtherSessions) {
  ApiClient phone = SignedIn("peer");
  ApiClient laptop = SignedIn("peer");
  ApiClient other_user = SignedIn("otherpeer");
  ApiResponse ended = phone.Send("DELETE", "/api/v1/session/others");
  ASSERT_EQ(ended.status, 200) << ended.raw;
  EXPECT_EQ(ended.body["ended"], 1);
  EXPECT_EQ(laptop.Send("GET", "/api/v1/session").status, 401);
  EXPECT_EQ(phone.Send("GET", "/api/v1/session").status, 200);
  EXPECT_EQ(other_user.Send("GET", "/api/v1/session").status, 200);

  // The same from the page.
  ApiClient tablet = SignedIn("peer");
  httplib::Client client("127.0.0.1", port_);
  auto page = client.Post("/account/sign-out-elsewhere", {{"Cookie", phone.cookie()}},
                          "csrf_token=" + phone.csrf(), "application/x-www-form-urlencoded");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Signed out of 1 other session"), std::string::npos);
  EXPECT_EQ(tablet.Send("GET", "/api/v1/session").status, 401);
}

TEST_F(HardeningTest, ChangingThePasswordEndsTheOtherSessions) {
  ApiClient phone = SignedIn("peer");
  ApiClient laptop = SignedIn("peer");
  ApiResponse wrong = phone.Send(
      "PUT", "/api/v1/session/password",
      nlohmann::json{{"current_password", "not it"}, {"new_password", "a new long password"}}.dump());
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.body["field"], "current_password") << wrong.raw;
  EXPECT_EQ(laptop.Send("GET", "/api/v1/session").status, 200) << "a refused change ends nothing";
  ApiResponse changed = phone.Send(
      "PUT", "/api/v1/session/password",
      nlohmann::json{{"current_password", kPassword}, {"new_password", "a new long password"}}.dump());
  ASSERT_EQ(changed.status, 204) << changed.raw;
  EXPECT_EQ(laptop.Send("GET", "/api/v1/session").status, 401);
  EXPECT_EQ(phone.Send("GET", "/api/v1/session").status, 200);
  EXPECT_EQ(ApiClient(port_).SignIn("peer").status, 401) << "the old password";
  EXPECT_EQ(ApiClient(port_).SignIn("peer", "a new long password").status, 201);
}

TEST_F(HardeningTest, WrongCurrentPasswordsCountTowardTheLockOut) {
  ApiClient borrowed = SignedIn("peer");
  for (int attempt = 0; attempt < TestAuthOptions().max_failed_logins; ++attempt) {
    ApiResponse wrong = borrowed.Send(
        "PUT", "/api/v1/session/password",
        nlohmann::json{{"current_password", "guess " + std::to_string(attempt)},
                       {"new_password", "taken over now"}}.dump());
    EXPECT_EQ(wrong.status, 400);
  }
  EXPECT_GT(Account("peer").locked_until, NowUtc()) << "a borrowed session guessed the password";
  ApiResponse right = borrowed.Send(
      "PUT", "/api/v1/session/password",
      nlohmann::json{{"current_password", kPassword}, {"new_password", "taken over now"}}.dump());
  EXPECT_EQ(right.status, 400) << "the right password while locked changes nothing";
  EXPECT_EQ(ApiClient(port_).SignIn("peer", "taken over now").status, 401);
}

TEST_F(HardeningTest, EveryKindOfAnswerCarriesTheSecurityHeaders) {
  httplib::Client client("127.0.0.1", port_);
  auto expect_headers = [](const httplib::Result& result, const std::string& what) {
    ASSERT_TRUE(result) << what;
    EXPECT_TRUE(result->has_header("Content-Security-Policy")) << what;
    EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_EQ(result->get_header_value("X-Frame-Options"), "DENY") << what;
  };
  auto single = client.Get("/static/app.css", {{"Range", "bytes=0-10"}});
  ASSERT_TRUE(single);
  EXPECT_EQ(single->status, 206);
  expect_headers(single, "single range");
  auto several = client.Get("/static/app.css", {{"Range", "bytes=0-3,10-12"}});
  expect_headers(several, "several ranges");
  auto beyond = client.Get("/static/app.css", {{"Range", "bytes=9999999-"}});
  ASSERT_TRUE(beyond);
  EXPECT_EQ(beyond->status, 416);
  expect_headers(beyond, "unsatisfiable range");
  // Refusals written before the body is read.
  for (const char* framing : {"Content-Length: 2097152", "Transfer-Encoding: chunked"}) {
    RawConnection raw(port_);
    ASSERT_TRUE(raw.Send(std::string("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/json\r\n") +
                         framing + "\r\n\r\n"));
    std::string answer = raw.ReceiveUntilClosed(kNoAnswerMs);
    EXPECT_NE(answer.find("Content-Security-Policy: "), std::string::npos) << answer;
    EXPECT_NE(answer.find("X-Content-Type-Options: nosniff"), std::string::npos) << answer;
  }
}

TEST_F(HardeningTest, ASecondServerCannotTakeTheSamePort) {
  GuardedHttpServer second{TransportLimits{}};
  EXPECT_FALSE(second.bind_to_port("127.0.0.1", port_))
      << "two servers sharing a port would split its connections between them";
}

TEST_F(HardeningTest, DatabaseFilesAreReadableOnlyByTheirOwner) {
  mode_t previous = umask(022);
  std::string path = dir_.File("private.db");
  {
    auto opened = store::OpenSqliteStore(path, store::OpenMode::kCreate);
    ASSERT_TRUE(opened.ok());
    ASSERT_TRUE((*opened)->AddProgram({0, "Program"}, alongside::testing::kTestActor).ok());
    for (const char* suffix : {"", "-wal", "-shm"}) {
      struct stat info {};
      ASSERT_EQ(stat((path + suffix).c_str(), &info), 0) << suffix;
      EXPECT_EQ(info.st_mode & 0777, 0600u) << path << suffix;
    }
  }
  std::string copy = dir_.File("copy.db");
  ASSERT_TRUE(store::BackupSqlite(path, copy).ok());
  struct stat info {};
  ASSERT_EQ(stat(copy.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "the backup";
  // A database an older version left readable is made private when opened.
  ASSERT_EQ(chmod(copy.c_str(), 0644), 0);
  ASSERT_TRUE(store::OpenSqliteStore(copy, store::OpenMode::kOpenExisting).ok());
  ASSERT_EQ(stat(copy.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "an existing database";
  umask(previous);
}

// Slow clients, against a server with few workers and short deadlines.
class SlowClientTest : public HardeningTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.worker_threads = 8;
    options.transport.max_connections_per_address = 2;
    options.transport.header_timeout_ms = 1500;
    options.transport.body_timeout_ms = 1500;
    options.transport.keep_alive_timeout_s = 1;
  }
};

TEST_F(SlowClientTest, SlowHeadersFromOneAddressDoNotStarveTheOthers) {
  // 40 connections from 127.0.0.2, each sending one header line every 200 ms
  // (the old server gave each a worker for as long as the lines kept coming).
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int idx = 0; idx < 40; ++idx) {
    slow.push_back(std::make_unique<RawConnection>(port_, "127.0.0.2"));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  std::atomic<bool> dripping{true};
  std::thread drip([&] {
    for (int line = 0; dripping && line < 30; ++line) {
      for (auto& connection : slow) connection->Send("X-Slow: 1\r\n");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  httplib::Client probe("127.0.0.1", port_);
  probe.set_connection_timeout(3, 0);
  probe.set_read_timeout(3, 0);
  int answered = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    auto result = probe.Get("/healthz");
    if (result && result->status == 200) ++answered;
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
  }
  dripping = false;
  drip.join();
  EXPECT_EQ(answered, 6);
}

TEST_F(SlowClientTest, HeadersThatNeverEndAreCutOff) {
  RawConnection raw(port_, "127.0.0.4");
  ASSERT_TRUE(raw.Send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  Clock::time_point begin = Clock::now();
  bool cut_off = false;
  while (!cut_off && Clock::now() - begin < std::chrono::milliseconds(kNoAnswerMs)) {
    raw.Send("X-Slow: 1\r\n");
    raw.ReceiveUntilClosed(200);
    cut_off = raw.closed();
  }
  EXPECT_TRUE(cut_off) << "the server was still reading headers after " << kNoAnswerMs << " ms";
}

TEST_F(SlowClientTest, ABodyThatNeverArrivesIsCutOff) {
  RawConnection raw(port_, "127.0.0.5");
  ASSERT_TRUE(raw.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user"));
  raw.ReceiveUntilClosed(kNoAnswerMs);
  EXPECT_TRUE(raw.closed()) << "the server was still waiting for the body";
}

TEST_F(SlowClientTest, OneAddressHoldsAtMostItsShareOfConnections) {
  RawConnection first(port_, "127.0.0.6"), second(port_, "127.0.0.6");
  ASSERT_TRUE(first.Send("GET /healthz HTTP/1.1\r\n"));
  ASSERT_TRUE(second.Send("GET /healthz HTTP/1.1\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // both are being read
  RawConnection third(port_, "127.0.0.6");
  std::string answer = third.ReceiveUntilClosed(kNoAnswerMs);
  EXPECT_EQ(StatusOf(answer), 503) << answer.substr(0, 200);
  EXPECT_NE(answer.find("Retry-After"), std::string::npos);
  // Another address is served meanwhile.
  httplib::Client other("127.0.0.1", port_);
  auto result = other.Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

// Behind a reverse proxy every client shares the proxy's address: the
// forwarded address is believed from a configured proxy only, and is what the
// audit log records.
class TrustedProxyTest : public HardeningTest {
 protected:
  void Configure(ServerOptions& options) override {
    options.transport.trusted_proxies = {"127.0.0.1"};
  }
};

TEST_F(TrustedProxyTest, TheAuditRecordsTheForwardedAddressFromATrustedProxyOnly) {
  const std::string body = nlohmann::json{{"username", "peer"}, {"password", "wrong"}}.dump();
  httplib::Client via_proxy("127.0.0.1", port_);
  ASSERT_TRUE(via_proxy.Post("/api/v1/session", {{"X-Forwarded-For", "198.51.100.7, 203.0.113.9"}},
                             body, "application/json"));
  EXPECT_EQ(store_->AuditTail(1).value().back().address, "203.0.113.9");
  // From an address that is not the proxy, the header is the client's own claim.
  RawConnection direct(port_, "127.0.0.7");
  ASSERT_TRUE(direct.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "X-Forwarded-For: 203.0.113.9\r\nContent-Type: application/json\r\n"
                          "Connection: close\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body));
  direct.ReceiveUntilClosed(kNoAnswerMs);
  EXPECT_EQ(store_->AuditTail(1).value().back().address, "127.0.0.7");
}

}  // namespace
}  // namespace alongside::server::testing
