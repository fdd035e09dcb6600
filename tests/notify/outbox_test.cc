// The outbox worker over a real store: each channel delivered, a failure
// recorded with its back-off and retried, a row whose channel is not
// configured kept, and Stop() cutting a hung delivery short.
#include "notify/outbox.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "notify/webhook.h"
#include "support/smtp_test_server.h"
#include "support/test_support.h"
#include "support/webhook_test_server.h"

namespace alongside::notify {
namespace {

using domain::NotificationChannel;
using store::Id;

constexpr Instant kNow = 1'795'176'000;  // 2026-11-20 12:00 UTC

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ALONGSIDE_SKIP_WITHOUT_BACKEND();
    store_ = testing::OpenTestStore(dir_, "outbox.db");
    ASSERT_NE(store_, nullptr);
    ids_ = testing::MakeSmallProgram(*store_);
  }

  // Opens a safety event with one notification on `channel`, as the use
  // case writes it; returns the notification's id.
  Id Write(NotificationChannel channel) {
    domain::SafetyEvent event;
    event.person_id = ids_.person;
    event.worker_id = ids_.worker;
    event.kind = domain::SafetyKind::kSuicidalThoughtsPassive;
    event.disclosed_at = kNow;
    event.opened_at = kNow;
    event.description = "Said they had thought about not being here.";
    domain::Notification row;
    row.created_at = kNow;
    row.next_attempt_at = kNow;
    row.channel = channel;
    if (channel == NotificationChannel::kInApp) row.recipient_staff_id = ids_.other_worker;
    row.subject = "A safety event was opened and needs review";
    row.body = "Open Alongside to read the new safety event on your queue: /safety";
    row.topic = "safety_event.opened";
    Result<Id> event_id = store_->OpenSafetyEvent(event, {row}, testing::kTestActor);
    EXPECT_TRUE(event_id.ok()) << event_id.status().ToString();
    for (const domain::Notification& written : All()) {
      if (written.safety_event_id == *event_id) return written.id;
    }
    ADD_FAILURE() << "the notification was not written";
    return 0;
  }

  std::vector<domain::Notification> All() {
    Result<std::vector<domain::Notification>> rows =
        store_->ListNotifications(std::nullopt, false, 1000);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<domain::Notification>{};
  }

  domain::Notification Row(Id id) {
    for (const domain::Notification& row : All()) {
      if (row.id == id) return row;
    }
    ADD_FAILURE() << "no notification " << id;
    return {};
  }

  OutboxPass Pass(OutboxWorker& worker, Instant now) {
    Result<OutboxPass> pass = worker.RunOnce(now);
    EXPECT_TRUE(pass.ok()) << pass.status().ToString();
    return pass.ok() ? *pass : OutboxPass{};
  }

  static OutboxOptions Smtp(const std::string& url) {
    OutboxOptions options;
    options.smtp_url = url;
    options.smtp_from = "alongside@program.example.org";
    options.smtp_to = {"lead@program.example.org"};
    return options;
  }

  static OutboxOptions Webhook(const std::string& url, const std::string& secret = "") {
    OutboxOptions options;
    options.webhook_url = url;
    options.webhook_secret = secret;
    return options;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  testing::SmallProgram ids_;
};

TEST(OutboxOptionsTest, ChannelsAreThoseWithAUrl) {
  OutboxOptions options;
  EXPECT_FALSE(ChannelsOf(options).smtp);
  EXPECT_FALSE(ChannelsOf(options).webhook);
  options.smtp_url = "smtp://127.0.0.1:2525";
  EXPECT_TRUE(ChannelsOf(options).smtp);
  EXPECT_FALSE(ChannelsOf(options).webhook);
  options.webhook_url = "https://hooks.example.org/alongside";
  EXPECT_TRUE(ChannelsOf(options).webhook);
}

TEST(OutboxOptionsTest, BackoffDoublesFromTheFirstRetryAndCaps) {
  OutboxOptions options;  // 30 s, at most an hour
  std::vector<std::int64_t> waits;
  for (int attempts = 0; attempts <= 8; ++attempts) waits.push_back(Backoff(options, attempts).count());
  EXPECT_EQ(waits, (std::vector<std::int64_t>{30, 60, 120, 240, 480, 960, 1920, 3600, 3600}));
  EXPECT_EQ(Backoff(options, 1'000'000).count(), 3600);
}

TEST_F(OutboxTest, InAppIsDeliveredAtOnce) {
  Id id = Write(NotificationChannel::kInApp);
  OutboxWorker worker(*store_, OutboxOptions{});
  OutboxPass pass = Pass(worker, kNow);
  EXPECT_EQ(pass.due, 1);
  EXPECT_EQ(pass.delivered, 1);
  domain::Notification row = Row(id);
  EXPECT_EQ(row.delivered_at, kNow);
  EXPECT_EQ(row.last_error, "");
  // Still on the recipient's list, delivered.
  Result<std::vector<domain::Notification>> list =
      store_->ListNotifications(ids_.other_worker, false, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, id);
  EXPECT_EQ(Pass(worker, kNow + 60).due, 0);
}

TEST_F(OutboxTest, SmtpIsDeliveredWithTheHeadersAndNoName) {
  testing::SmtpTestServer smtp;
  Id id = Write(NotificationChannel::kSmtp);
  OutboxWorker worker(*store_, Smtp(smtp.Url()));
  EXPECT_EQ(Pass(worker, kNow + 5).delivered, 1);
  EXPECT_EQ(Row(id).delivered_at, kNow + 5);
  std::vector<testing::SmtpTestServer::Message> messages = smtp.Messages();
  ASSERT_EQ(messages.size(), 1u);
  const std::string& data = messages[0].data;
  EXPECT_EQ(messages[0].from, "alongside@program.example.org");
  EXPECT_EQ(messages[0].to, std::vector<std::string>{"lead@program.example.org"});
  EXPECT_EQ(testing::MailHeader(data, "From"), "alongside@program.example.org");
  EXPECT_EQ(testing::MailHeader(data, "To"), "lead@program.example.org");
  EXPECT_EQ(testing::MailHeader(data, "Subject"), "A safety event was opened and needs review");
  EXPECT_EQ(testing::MailHeader(data, "Date"), "Fri, 20 Nov 2026 12:00:05 +0000");
  EXPECT_NE(testing::MailHeader(data, "Message-ID"), "");
  EXPECT_NE(testing::MailBody(data).find("/safety"), std::string::npos);
  // Neither the person's name nor the event's description leaves.
  EXPECT_EQ(data.find("Sam"), std::string::npos);
  EXPECT_EQ(data.find("not being here"), std::string::npos);
}

TEST_F(OutboxTest, WebhookIsDeliveredWithAValidSignature) {
  testing::WebhookTestServer receiver;
  const std::string secret = "a shared secret of the program";
  Id id = Write(NotificationChannel::kWebhook);
  OutboxWorker worker(*store_, Webhook(receiver.Url(), secret));
  EXPECT_EQ(Pass(worker, kNow).delivered, 1);
  EXPECT_EQ(Row(id).delivered_at, kNow);
  std::vector<testing::WebhookTestServer::Request> requests = receiver.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].signature, internal::WebhookSignature(secret, requests[0].body));
  nlohmann::json body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["id"], id);
  EXPECT_EQ(body["topic"], "safety_event.opened");
  EXPECT_TRUE(body["safety_event_id"].is_number_integer());
  EXPECT_EQ(body["created_at"], "2026-11-20T12:00:00Z");
  EXPECT_EQ(requests[0].body.find("Sam"), std::string::npos);
  EXPECT_EQ(requests[0].body.find("not being here"), std::string::npos);
}

TEST_F(OutboxTest, ReceiverDownFailsWithBackoffThenDeliversWhenUp) {
  const int port = testing::FreePort();
  Id id = Write(NotificationChannel::kWebhook);
  OutboxWorker worker(*store_,
                      Webhook("http://127.0.0.1:" + std::to_string(port) + "/hook"));
  OutboxPass pass = Pass(worker, kNow);
  EXPECT_EQ(pass.failed, 1);
  domain::Notification row = Row(id);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.delivered_at);
  EXPECT_NE(row.last_error.find("webhook:"), std::string::npos) << row.last_error;
  EXPECT_EQ(row.next_attempt_at, kNow + 30);

  testing::WebhookTestServer receiver(port);
  EXPECT_EQ(Pass(worker, kNow + 29).due, 0);  // not yet due
  EXPECT_TRUE(receiver.Requests().empty());
  EXPECT_EQ(Pass(worker, kNow + 30).delivered, 1);
  row = Row(id);
  EXPECT_EQ(row.delivered_at, kNow + 30);
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.last_error, "");
  EXPECT_EQ(receiver.Requests().size(), 1u);
  EXPECT_EQ(Pass(worker, kNow + 100000).due, 0);
}

TEST_F(OutboxTest, SmtpRefusalFailsThenDeliversOnceAccepted) {
  testing::SmtpTestServer smtp;
  smtp.RefuseWith(554);
  Id id = Write(NotificationChannel::kSmtp);
  OutboxWorker worker(*store_, Smtp(smtp.Url()));
  EXPECT_EQ(Pass(worker, kNow).failed, 1);
  domain::Notification row = Row(id);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_NE(row.last_error.find("554"), std::string::npos) << row.last_error;
  EXPECT_EQ(row.next_attempt_at, kNow + 30);
  smtp.RefuseWith(0);
  EXPECT_EQ(Pass(worker, kNow + 30).delivered, 1);
  EXPECT_EQ(smtp.Messages().size(), 1u);
}

TEST_F(OutboxTest, BackoffDoublesAndCapsOnTheRow) {
  testing::WebhookTestServer receiver;
  receiver.AnswerWith(503);
  Id id = Write(NotificationChannel::kWebhook);
  OutboxOptions options = Webhook(receiver.Url());
  options.max_retry = std::chrono::seconds(100);
  OutboxWorker worker(*store_, options);
  Instant now = kNow;
  std::vector<Instant> waits;
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(Pass(worker, now).failed, 1) << attempt;
    domain::Notification row = Row(id);
    EXPECT_EQ(row.attempts, attempt + 1);
    EXPECT_EQ(row.last_error, "webhook: the receiver answered HTTP 503");
    waits.push_back(row.next_attempt_at - now);
    now = row.next_attempt_at;
  }
  EXPECT_EQ(waits, (std::vector<Instant>{30, 60, 100, 100, 100}));
  EXPECT_EQ(receiver.Requests().size(), 5u);
}

TEST_F(OutboxTest, UnconfiguredChannelStaysPendingWithAnError) {
  Id id = Write(NotificationChannel::kSmtp);
  {
    OutboxWorker worker(*store_, OutboxOptions{});  // no --smtp-url
    EXPECT_EQ(Pass(worker, kNow).failed, 1);
  }
  domain::Notification row = Row(id);
  EXPECT_FALSE(row.delivered_at);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_NE(row.last_error.find("--smtp-url"), std::string::npos) << row.last_error;
  EXPECT_EQ(row.next_attempt_at, kNow + 30);
  // What is still waiting.
  Result<std::vector<domain::Notification>> waiting =
      store_->ListNotifications(std::nullopt, true, 100);
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ((*waiting)[0].id, id);

  // Configured later, it goes.
  testing::SmtpTestServer smtp;
  OutboxWorker configured(*store_, Smtp(smtp.Url()));
  EXPECT_EQ(Pass(configured, kNow + 30).delivered, 1);
  EXPECT_EQ(smtp.Messages().size(), 1u);
}

TEST_F(OutboxTest, ABatchIsReadOldestDueFirstAndAtMostBatchRows) {
  std::vector<Id> ids;
  for (int row = 0; row < 3; ++row) ids.push_back(Write(NotificationChannel::kInApp));
  OutboxOptions options;
  options.batch = 2;
  OutboxWorker worker(*store_, options);
  EXPECT_EQ(Pass(worker, kNow).delivered, 2);
  EXPECT_TRUE(Row(ids[0]).delivered_at);
  EXPECT_TRUE(Row(ids[1]).delivered_at);
  EXPECT_FALSE(Row(ids[2]).delivered_at);
  EXPECT_EQ(Pass(worker, kNow).delivered, 1);
}

TEST_F(OutboxTest, StartDeliversInTheBackground) {
  testing::WebhookTestServer receiver;
  Write(NotificationChannel::kInApp);
  Id webhook = Write(NotificationChannel::kWebhook);
  OutboxOptions options = Webhook(receiver.Url());
  options.poll = std::chrono::milliseconds(20);
  OutboxWorker worker(*store_, options);
  worker.Start();
  worker.Start();  // once is enough
  ASSERT_TRUE(receiver.WaitForArrivals(1, std::chrono::seconds(10)));
  for (int wait = 0; wait < 200 && !Row(webhook).delivered_at; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  worker.Stop();
  for (const domain::Notification& row : All()) EXPECT_TRUE(row.delivered_at) << row.id;
  EXPECT_EQ(receiver.Requests().size(), 1u);
}

TEST_F(OutboxTest, StopCutsAHungDeliveryShortAndLeavesTheRowAsItWas) {
  testing::WebhookTestServer receiver;
  receiver.Hold();
  Id id = Write(NotificationChannel::kWebhook);
  OutboxOptions options = Webhook(receiver.Url());
  options.poll = std::chrono::milliseconds(20);
  OutboxWorker worker(*store_, options);
  worker.Start();
  ASSERT_TRUE(receiver.WaitForArrivals(1, std::chrono::seconds(10)));
  auto started = std::chrono::steady_clock::now();
  worker.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  receiver.Release();
  domain::Notification row = Row(id);
  EXPECT_FALSE(row.delivered_at);
  EXPECT_EQ(row.attempts, 0);  // no failure of the channel is counted
  EXPECT_EQ(row.last_error, "");
}

}  // namespace
}  // namespace alongside::notify
