// The outbox survives a crash of `alongside serve` (docs/notifications.md).
// A peer worker opens a safety event through the API of a serve started
// with --webhook-url: the event and its webhook notification are written in
// one transaction; serve is killed with SIGKILL before the webhook could be
// delivered; once the receiver is up and serve restarted, the notification
// is delivered, exactly once. And a kill in the middle of a delivery sends it again with
// the same id (at least once: receivers deduplicate on it). On SQLite and
// on PostgreSQL (skipped when none is reachable).
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "store/open.h"
#include "support/test_support.h"
#include "support/webhook_test_server.h"

namespace alongside {
namespace {

using domain::NotificationChannel;
using store::Id;

// 32 bytes: libsodium's one-shot verify takes a key of that length.
constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";
constexpr const char* kPassword = "correct horse battery";

class OutboxCrashTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && !testing::PostgresUnavailable().empty()) {
      GTEST_SKIP() << testing::PostgresUnavailable();
    }
    db_ = testing::FreshDatabaseOn(GetParam(), dir_, "outbox.db");
    Result<std::unique_ptr<store::Store>> opened = store::OpenStore(db_, store::OpenMode::kCreate);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ids_ = testing::MakeSmallProgram(*store_);
    webhook_port_ = testing::FreePort();
    std::ofstream(dir_.File("webhook.secret")) << kSecret << "\n";
    chmod(dir_.File("webhook.secret").c_str(), 0600);
    testing::CommandResult added = testing::RunAlongside(
        {"user", "add", "--db", db_, "--username", "peer", "--role", "peer_specialist",
         "--staff", std::to_string(ids_.worker)},
        std::string(kPassword) + "\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }

  void TearDown() override {
    if (serve_ > 0) {
      kill(serve_, SIGKILL);
      waitpid(serve_, nullptr, 0);
    }
  }

  // Opens a safety event with an in-app and a webhook notification through
  // the store, as the use case writes them when --webhook-url is set (the
  // same transaction); returns the webhook row's id.
  Id WriteSafetyEvent() {
    const Instant now = NowUtc();
    domain::SafetyEvent event;
    event.person_id = ids_.person;
    event.worker_id = ids_.worker;
    event.kind = domain::SafetyKind::kSuicidalThoughtsPassive;
    event.disclosed_at = now;
    event.opened_at = now;
    event.description = "Said they had thought about not being here.";
    std::vector<domain::Notification> rows(2);
    for (domain::Notification& row : rows) {
      row.created_at = now;
      row.next_attempt_at = now;
      row.subject = "A safety event was opened and needs review";
      row.body = "Open Alongside to read the new safety event on your queue: /safety";
      row.topic = "safety_event.opened";
    }
    rows[0].channel = NotificationChannel::kInApp;
    rows[0].recipient_staff_id = ids_.other_worker;
    rows[1].channel = NotificationChannel::kWebhook;
    Result<Id> event_id = store_->OpenSafetyEvent(event, rows, testing::kTestActor);
    EXPECT_TRUE(event_id.ok()) << event_id.status().ToString();
    for (const domain::Notification& row : Rows()) {
      if (row.channel == NotificationChannel::kWebhook) return row.id;
    }
    ADD_FAILURE() << "no webhook row was written";
    return 0;
  }

  // Signs in as the peer worker and opens a safety event on their person
  // through POST /api/v1/people/{id}/safety-events; returns the event's id.
  Id OpenSafetyEventThroughTheApi() {
    httplib::Client client("127.0.0.1", serve_port_);
    client.set_connection_timeout(1, 0);
    client.set_read_timeout(10, 0);
    auto sign_in = [&] {
      return client.Post("/api/v1/session",
                         nlohmann::json{{"username", "peer"}, {"password", kPassword}}.dump(),
                         "application/json");
    };
    httplib::Result signed_in = sign_in();
    for (int attempt = 0; attempt < 200 && !signed_in; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      signed_in = sign_in();
    }
    if (!signed_in || signed_in->status != 201) {
      ADD_FAILURE() << "cannot sign in: " << ServeLog();
      return 0;
    }
    std::string cookie = signed_in->get_header_value("Set-Cookie");
    httplib::Headers headers = {
        {"Cookie", cookie.substr(0, cookie.find(';'))},
        {"X-CSRF-Token", nlohmann::json::parse(signed_in->body)["csrf_token"]}};
    httplib::Result opened = client.Post(
        "/api/v1/people/" + std::to_string(ids_.person) + "/safety-events", headers,
        nlohmann::json{{"kind", "suicidal_thoughts_passive"},
                       {"disclosed_at", FormatInstant(NowUtc() - 60)},
                       {"description", "Said they had thought about not being here."}}
            .dump(),
        "application/json");
    if (!opened || opened->status != 201) {
      ADD_FAILURE() << "cannot open the event: " << (opened ? opened->body : ServeLog());
      return 0;
    }
    return nlohmann::json::parse(opened->body)["id"].get<Id>();
  }

  // The one webhook row (0 when there is none).
  Id WebhookRow() {
    Id found = 0;
    for (const domain::Notification& row : Rows()) {
      if (row.channel == NotificationChannel::kWebhook) {
        EXPECT_EQ(found, 0) << "a second webhook row";
        found = row.id;
      }
    }
    return found;
  }

  std::vector<domain::Notification> Rows() {
    Result<std::vector<domain::Notification>> rows =
        store_->ListNotifications(std::nullopt, false, 100);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<domain::Notification>{};
  }

  domain::Notification Row(Id id) {
    for (const domain::Notification& row : Rows()) {
      if (row.id == id) return row;
    }
    return {};
  }

  // Polls the store until `done` holds for row `id` (at most 20 s).
  bool WaitForRow(Id id, const std::function<bool(const domain::Notification&)>& done) {
    for (int wait = 0; wait < 400; ++wait) {
      if (done(Row(id))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  // Starts `alongside serve` delivering to the webhook port, polling every
  // 50 ms, retrying a failure after 1 s; its output goes to serve.log.
  void StartServe() {
    const std::string log = dir_.File("serve.log");
    serve_port_ = testing::FreePort();
    const std::string port = std::to_string(serve_port_);
    const std::string url = "http://127.0.0.1:" + std::to_string(webhook_port_) + "/hook";
    const std::string secret = dir_.File("webhook.secret");
    serve_ = fork();
    if (serve_ == 0) {
      int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(out, 1);
      dup2(out, 2);
      std::string binary = ALONGSIDE_BINARY;
      execl(binary.c_str(), binary.c_str(), "serve", "--db", db_.c_str(), "--port", port.c_str(),
            "--webhook-url", url.c_str(), "--webhook-secret-file", secret.c_str(),
            "--outbox-poll-ms", "50", "--outbox-first-retry-s", "1", static_cast<char*>(nullptr));
      _exit(127);
    }
  }

  void KillServe() {
    kill(serve_, SIGKILL);
    int status = 0;
    waitpid(serve_, &status, 0);
    serve_ = 0;
    EXPECT_TRUE(WIFSIGNALED(status)) << "serve had already ended: " << ServeLog();
  }

  // SIGTERM, as an operator stops it: a clean exit.
  void StopServe() {
    kill(serve_, SIGTERM);
    int status = 0;
    waitpid(serve_, &status, 0);
    serve_ = 0;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ServeLog();
  }

  std::string ServeLog() {
    std::ifstream file(dir_.File("serve.log"));
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }

  static bool SignedWithTheSecret(const testing::WebhookTestServer::Request& request) {
    if (request.signature.rfind("sha256=", 0) != 0) return false;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    if (sodium_hex2bin(mac, sizeof mac, request.signature.c_str() + 7,
                       request.signature.size() - 7, nullptr, nullptr, nullptr) != 0) {
      return false;
    }
    return crypto_auth_hmacsha256_verify(
               mac, reinterpret_cast<const unsigned char*>(request.body.data()),
               request.body.size(), reinterpret_cast<const unsigned char*>(kSecret)) == 0;
  }

  testing::TempDir dir_;
  std::string db_;
  std::unique_ptr<store::Store> store_;
  testing::SmallProgram ids_;
  int webhook_port_ = 0;
  pid_t serve_ = 0;
  int serve_port_ = 0;
};

TEST_P(OutboxCrashTest, KilledBetweenWriteAndDeliveryDeliversOnceAfterRestart) {
  StartServe();  // the receiver is not listening yet
  const Id event = OpenSafetyEventThroughTheApi();
  ASSERT_NE(event, 0);
  // --webhook-url made the use case write a webhook row with the event.
  const Id id = WebhookRow();
  ASSERT_NE(id, 0);
  EXPECT_EQ(Row(id).safety_event_id, event);
  ASSERT_TRUE(WaitForRow(id, [](const domain::Notification& row) { return row.attempts >= 1; }))
      << ServeLog();
  domain::Notification failed = Row(id);
  EXPECT_FALSE(failed.delivered_at);
  EXPECT_NE(failed.last_error.find("webhook:"), std::string::npos) << failed.last_error;
  KillServe();

  testing::WebhookTestServer receiver(webhook_port_);
  StartServe();
  ASSERT_TRUE(WaitForRow(id, [](const domain::Notification& row) {
    return row.delivered_at.has_value();
  })) << ServeLog();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // ten more passes
  StopServe();

  std::vector<testing::WebhookTestServer::Request> requests = receiver.Requests();
  ASSERT_EQ(requests.size(), 1u) << "delivered exactly once";
  nlohmann::json body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["id"], id);
  EXPECT_EQ(body["topic"], "safety_event.opened");
  EXPECT_EQ(body["safety_event_id"], event);
  EXPECT_EQ(requests[0].body.find("Sam"), std::string::npos) << "no name leaves";
  EXPECT_EQ(requests[0].body.find("not being here"), std::string::npos) << "nor what was said";
  EXPECT_TRUE(SignedWithTheSecret(requests[0])) << requests[0].signature;
  domain::Notification delivered = Row(id);
  EXPECT_EQ(delivered.last_error, "");
  EXPECT_GE(delivered.attempts, 2);
}

TEST_P(OutboxCrashTest, KilledDuringADeliverySendsItAgainWithTheSameId) {
  testing::WebhookTestServer receiver(webhook_port_);
  receiver.Hold();  // the POST arrives and is not answered
  Id id = WriteSafetyEvent();
  StartServe();
  ASSERT_TRUE(receiver.WaitForArrivals(1, std::chrono::seconds(20))) << ServeLog();
  KillServe();
  receiver.Release();
  EXPECT_FALSE(Row(id).delivered_at);

  StartServe();
  ASSERT_TRUE(WaitForRow(id, [](const domain::Notification& row) {
    return row.delivered_at.has_value();
  })) << ServeLog();
  StopServe();
  std::vector<testing::WebhookTestServer::Request> requests = receiver.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].body, requests[1].body);  // same id: the receiver keeps one
  EXPECT_EQ(nlohmann::json::parse(requests[1].body)["id"], id);
  // The in-app row went too, the first time.
  for (const domain::Notification& row : Rows()) EXPECT_TRUE(row.delivered_at) << row.id;
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxCrashTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace alongside
