// The webhook channel: its body, its signature (RFC 4231's HMAC-SHA256
// vectors) and a POST to a loopback receiver.
#include "notify/webhook.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>

#include <nlohmann/json.hpp>

#include "support/webhook_test_server.h"

namespace alongside::notify {
namespace {

domain::Notification Row() {
  domain::Notification row;
  row.id = 5;
  row.created_at = 1'795'176'000;
  row.channel = domain::NotificationChannel::kWebhook;
  row.subject = "Safety event 12: escalated without consent";
  row.body = "Open Alongside to read safety event 12: /safety/12";
  row.topic = "safety_event.escalated";
  row.safety_event_id = 12;
  return row;
}

// RFC 4231, test cases 1 and 2.
TEST(WebhookTest, SignatureIsHmacSha256AsRfc4231) {
  EXPECT_EQ(internal::WebhookSignature(std::string(20, '\x0b'), "Hi There"),
            "sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(internal::WebhookSignature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookTest, BodyCarriesTheRowsFields) {
  nlohmann::json body = nlohmann::json::parse(internal::WebhookBody(Row()));
  EXPECT_EQ(body, nlohmann::json::parse(R"({"id":5,"topic":"safety_event.escalated",
      "subject":"Safety event 12: escalated without consent",
      "body":"Open Alongside to read safety event 12: /safety/12",
      "safety_event_id":12,"created_at":"2026-11-20T12:00:00Z"})"));
  domain::Notification without_event = Row();
  without_event.safety_event_id.reset();
  EXPECT_TRUE(nlohmann::json::parse(internal::WebhookBody(without_event))["safety_event_id"]
                  .is_null());
}

TEST(WebhookTest, PostsSignedJsonThatTheReceiverCanVerify) {
  testing::WebhookTestServer receiver;
  OutboxOptions options;
  options.webhook_url = receiver.Url();
  options.webhook_secret = std::string(crypto_auth_hmacsha256_KEYBYTES, 'k');
  std::atomic<bool> cancel{false};
  Status sent = internal::PostWebhook(options, Row(), cancel);
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  std::vector<testing::WebhookTestServer::Request> requests = receiver.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(requests[0].body)["id"], 5);
  // What a receiver does: HMAC the raw body with the shared key, compare.
  const std::string& signature = requests[0].signature;
  ASSERT_EQ(signature.rfind("sha256=", 0), 0u) << signature;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  ASSERT_EQ(sodium_hex2bin(mac, sizeof mac, signature.c_str() + 7, signature.size() - 7, nullptr,
                           nullptr, nullptr),
            0);
  EXPECT_EQ(crypto_auth_hmacsha256_verify(
                mac, reinterpret_cast<const unsigned char*>(requests[0].body.data()),
                requests[0].body.size(),
                reinterpret_cast<const unsigned char*>(options.webhook_secret.data())),
            0);
}

TEST(WebhookTest, NoSecretNoSignature) {
  testing::WebhookTestServer receiver;
  OutboxOptions options;
  options.webhook_url = receiver.Url();
  std::atomic<bool> cancel{false};
  ASSERT_TRUE(internal::PostWebhook(options, Row(), cancel).ok());
  ASSERT_EQ(receiver.Requests().size(), 1u);
  EXPECT_EQ(receiver.Requests()[0].signature, "");
}

TEST(WebhookTest, OnlyA2xxAnswerIsDelivery) {
  testing::WebhookTestServer receiver;
  OutboxOptions options;
  options.webhook_url = receiver.Url();
  std::atomic<bool> cancel{false};
  for (int status : {302, 404, 500}) {
    receiver.AnswerWith(status);
    Status sent = internal::PostWebhook(options, Row(), cancel);
    ASSERT_FALSE(sent.ok()) << status;
    EXPECT_EQ(sent.detail(), "webhook: the receiver answered HTTP " + std::to_string(status));
  }
  receiver.AnswerWith(200);
  EXPECT_TRUE(internal::PostWebhook(options, Row(), cancel).ok());
}

}  // namespace
}  // namespace alongside::notify
