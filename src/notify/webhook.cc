#include "notify/webhook.h"

#include <sodium.h>

#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "notify/curl_transfer.h"

namespace alongside::notify::internal {
namespace {

// The receiver's answer is not read: only its status decides.
size_t DiscardResponse(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

std::string WebhookBody(const domain::Notification& notification) {
  nlohmann::ordered_json body;
  body["id"] = notification.id;
  body["topic"] = notification.topic;
  body["subject"] = notification.subject;
  body["body"] = notification.body;
  body["safety_event_id"] = notification.safety_event_id
                                ? nlohmann::ordered_json(*notification.safety_event_id)
                                : nlohmann::ordered_json(nullptr);
  body["created_at"] = FormatInstant(notification.created_at);
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string WebhookSignature(std::string_view secret, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  sodium_memzero(&state, sizeof state);
  return std::string("sha256=") + hex;
}

Status PostWebhook(const OutboxOptions& options, const domain::Notification& notification,
                   const std::atomic<bool>& cancel) {
  const std::string body = WebhookBody(notification);
  std::vector<std::string> headers = {"Content-Type: application/json",
                                      "User-Agent: alongside/" ALONGSIDE_VERSION, "Expect:",
                                      fmt::format("X-Alongside-Notification: {}", notification.id)};
  if (!options.webhook_secret.empty()) {
    headers.push_back("X-Alongside-Signature: " + WebhookSignature(options.webhook_secret, body));
  }
  CurlTransfer transfer(options.webhook_url, "http,https", cancel);
  CURL* curl = transfer.handle();
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, transfer.List(headers));
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, DiscardResponse);
  ALONGSIDE_RETURN_IF_ERROR(transfer.Perform("webhook"));
  long status = transfer.ResponseCode();
  if (status < 200 || status > 299) {
    return Status::Unavailable(fmt::format("webhook: the receiver answered HTTP {}", status));
  }
  return Status::Ok();
}

}  // namespace alongside::notify::internal
