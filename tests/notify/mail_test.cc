// The email channel: the message it composes, and a send to a loopback
// SMTP server that accepts or refuses.
#include "notify/mail.h"

#include <gtest/gtest.h>

#include <atomic>

#include "support/smtp_test_server.h"

namespace alongside::notify {
namespace {

constexpr Instant kNow = 1'795'176'000;  // 2026-11-20 12:00:00 UTC, a Friday

OutboxOptions MailOptions(const std::string& url) {
  OutboxOptions options;
  options.smtp_url = url;
  options.smtp_from = "alongside@program.example.org";
  options.smtp_to = {"lead@program.example.org", "oncall@program.example.org"};
  return options;
}

domain::Notification Row() {
  domain::Notification row;
  row.id = 17;
  row.created_at = kNow - 60;
  row.channel = domain::NotificationChannel::kSmtp;
  row.subject = "A safety event was opened and needs review";
  row.body = "Open Alongside to read safety event 12: /safety/12";
  row.topic = "safety_event.opened";
  row.safety_event_id = 12;
  return row;
}

TEST(MailTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(internal::MailDate(kNow), "Fri, 20 Nov 2026 12:00:00 +0000");
  EXPECT_EQ(internal::MailDate(0), "Thu, 1 Jan 1970 00:00:00 +0000");
}

TEST(MailTest, ComposesTheHeadersAndTheBody) {
  std::string message = internal::ComposeMail(MailOptions("smtp://x"), Row(), kNow);
  EXPECT_EQ(testing::MailHeader(message, "Date"), "Fri, 20 Nov 2026 12:00:00 +0000");
  EXPECT_EQ(testing::MailHeader(message, "From"), "alongside@program.example.org");
  EXPECT_EQ(testing::MailHeader(message, "To"),
            "lead@program.example.org, oncall@program.example.org");
  EXPECT_EQ(testing::MailHeader(message, "Subject"), "A safety event was opened and needs review");
  // The same id on every attempt, so a row sent twice reads as one message.
  EXPECT_EQ(testing::MailHeader(message, "Message-ID"),
            "<alongside.17.1795175940@program.example.org>");
  EXPECT_EQ(testing::MailHeader(message, "Auto-Submitted"), "auto-generated");
  EXPECT_EQ(testing::MailBody(message), "Open Alongside to read safety event 12: /safety/12\r\n");
}

TEST(MailTest, AHeaderCannotBeInjectedThroughTheSubject) {
  domain::Notification row = Row();
  row.subject = "Safety event\r\nBcc: everyone@example.org";
  std::string message = internal::ComposeMail(MailOptions("smtp://x"), row, kNow);
  EXPECT_EQ(testing::MailHeader(message, "Bcc"), "");
  EXPECT_EQ(message.find("\r\nBcc:"), std::string::npos);
}

TEST(MailTest, ANonAsciiSubjectIsEncodedAndBareLineFeedsBecomeCrlf) {
  domain::Notification row = Row();
  row.subject = "Événement de sécurité";
  row.body = "line one\nline two\n";
  std::string message = internal::ComposeMail(MailOptions("smtp://x"), row, kNow);
  EXPECT_EQ(testing::MailHeader(message, "Subject"), "=?UTF-8?B?w4l2w6luZW1lbnQgZGUgc8OpY3VyaXTDqQ==?=");
  EXPECT_EQ(testing::MailBody(message), "line one\r\nline two\r\n");
}

TEST(MailTest, SendsToALoopbackServer) {
  testing::SmtpTestServer smtp;
  std::atomic<bool> cancel{false};
  domain::Notification row = Row();
  row.body = ".a line that starts with a dot\nand another";
  Status sent = internal::SendMail(MailOptions(smtp.Url()), row, kNow, cancel);
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  std::vector<testing::SmtpTestServer::Message> messages = smtp.Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].from, "alongside@program.example.org");
  EXPECT_EQ(messages[0].to, (std::vector<std::string>{"lead@program.example.org",
                                                      "oncall@program.example.org"}));
  EXPECT_EQ(testing::MailHeader(messages[0].data, "Subject"), row.subject);
  // libcurl stuffed the dot and the server took it off again.
  EXPECT_EQ(testing::MailBody(messages[0].data),
            ".a line that starts with a dot\r\nand another\r\n");
}

TEST(MailTest, ARefusalIsUnavailableNamingTheReply) {
  testing::SmtpTestServer smtp;
  smtp.RefuseWith(554);
  std::atomic<bool> cancel{false};
  Status sent = internal::SendMail(MailOptions(smtp.Url()), Row(), kNow, cancel);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.code(), StatusCode::kUnavailable);
  EXPECT_NE(sent.detail().find("554"), std::string::npos) << sent.detail();
  EXPECT_TRUE(smtp.Messages().empty());
}

}  // namespace
}  // namespace alongside::notify
