#include "notify/mail.h"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "notify/curl_transfer.h"

namespace alongside::notify::internal {
namespace {

// A header value on one line: control characters (CR and LF above all,
// which would start a header of their own) become spaces.
std::string HeaderText(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char byte : text) {
    unsigned char code = static_cast<unsigned char>(byte);
    clean.push_back(code < 0x20 || code == 0x7f ? ' ' : byte);
  }
  return clean;
}

bool IsAscii(std::string_view text) {
  for (char byte : text) {
    if (static_cast<unsigned char>(byte) >= 0x80) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  std::string encoded(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.size() - 1);  // the terminating NUL
  return encoded;
}

// A subject as RFC 2047 encoded words when it is not plain ASCII, each
// word within 75 characters and cut between UTF-8 characters.
std::string SubjectText(std::string_view subject) {
  std::string text = HeaderText(subject);
  if (IsAscii(text)) return text;
  constexpr size_t kChunk = 45;  // 60 base64 characters + 12 of framing
  std::string encoded;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + kChunk);
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!encoded.empty()) encoded += "\r\n ";
    encoded += "=?UTF-8?B?" + Base64(std::string_view(text).substr(start, end - start)) + "?=";
    start = end;
  }
  return encoded;
}

// The body with every line ended by CRLF (bare LF and CR too).
std::string BodyText(std::string_view body) {
  std::string lines;
  lines.reserve(body.size() + 16);
  for (size_t index = 0; index < body.size(); ++index) {
    char byte = body[index];
    if (byte == '\r') {
      if (index + 1 < body.size() && body[index + 1] == '\n') ++index;
      lines += "\r\n";
    } else if (byte == '\n') {
      lines += "\r\n";
    } else {
      lines.push_back(byte);
    }
  }
  if (lines.size() < 2 || lines.compare(lines.size() - 2, 2, "\r\n") != 0) lines += "\r\n";
  return lines;
}

std::string DomainOf(const std::string& address) {
  size_t at = address.rfind('@');
  std::string domain = at == std::string::npos ? "" : HeaderText(address.substr(at + 1));
  for (char byte : domain) {
    if (byte == ' ' || byte == '>' || byte == '<') return "alongside.invalid";
  }
  return domain.empty() ? "alongside.invalid" : domain;
}

// The message handed to libcurl, read in pieces.
struct Upload {
  std::string_view rest;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* data) {
  Upload* upload = static_cast<Upload*>(data);
  size_t length = std::min(size * count, upload->rest.size());
  upload->rest.copy(buffer, length);
  upload->rest.remove_prefix(length);
  return length;
}

}  // namespace

std::string MailDate(Instant instant) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = static_cast<std::time_t>(instant);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{}, {} {} {:04} {:02}:{:02}:{:02} +0000", kDays[utc.tm_wday], utc.tm_mday,
                     kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                     utc.tm_sec);
}

std::string ComposeMail(const OutboxOptions& options, const domain::Notification& notification,
                        Instant date) {
  std::string to;
  for (const std::string& address : options.smtp_to) {
    if (!to.empty()) to += ", ";
    to += HeaderText(address);
  }
  std::string message;
  message += "Date: " + MailDate(date) + "\r\n";
  message += "From: " + HeaderText(options.smtp_from) + "\r\n";
  message += "To: " + to + "\r\n";
  message += "Subject: " + SubjectText(notification.subject) + "\r\n";
  message += fmt::format("Message-ID: <alongside.{}.{}@{}>\r\n", notification.id,
                         notification.created_at, DomainOf(options.smtp_from));
  message += "Auto-Submitted: auto-generated\r\n";
  message += "MIME-Version: 1.0\r\n";
  message += "Content-Type: text/plain; charset=utf-8\r\n";
  message += "Content-Transfer-Encoding: 8bit\r\n";
  message += "\r\n";
  message += BodyText(notification.body);
  return message;
}

Status SendMail(const OutboxOptions& options, const domain::Notification& notification,
                Instant now, const std::atomic<bool>& cancel) {
  if (options.smtp_to.empty()) return Status::Unavailable("smtp: no recipient is configured");
  const std::string message = ComposeMail(options, notification, now);
  CurlTransfer transfer(options.smtp_url, "smtp,smtps", cancel);
  CURL* curl = transfer.handle();
  // libcurl escapes a body line that starts with "." and ends the DATA.
  const std::string from = "<" + HeaderText(options.smtp_from) + ">";
  std::vector<std::string> recipients;
  for (const std::string& address : options.smtp_to) recipients.push_back("<" + HeaderText(address) + ">");
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, transfer.List(recipients));
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  Upload upload{message};
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  Status sent = transfer.Perform("smtp");
  if (!sent.ok()) {
    long reply = transfer.ResponseCode();
    std::string code = std::to_string(reply);
    if (reply != 0 && sent.detail().find(code) == std::string::npos) {
      return Status::Unavailable(fmt::format("{} (last reply {})", sent.detail(), code));
    }
  }
  return sent;
}

}  // namespace alongside::notify::internal
