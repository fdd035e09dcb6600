#include "support/smtp_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace alongside::testing {
namespace {

constexpr int kPollMs = 50;

bool StartsWithNoCase(const std::string& line, const std::string& prefix) {
  if (line.size() < prefix.size()) return false;
  for (size_t index = 0; index < prefix.size(); ++index) {
    if (std::toupper(static_cast<unsigned char>(line[index])) != prefix[index]) return false;
  }
  return true;
}

// The path inside "<...>" after a command's colon.
std::string PathOf(const std::string& line) {
  size_t open = line.find('<'), close = line.find('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  return line.substr(open + 1, close - open - 1);
}

}  // namespace

SmtpTestServer::SmtpTestServer(int port) {
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::runtime_error("smtp test server: socket failed");
  int reuse = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t length = sizeof address;
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener_, 8) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(listener_);
    throw std::runtime_error("smtp test server: cannot listen on port " + std::to_string(port));
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

SmtpTestServer::~SmtpTestServer() { Stop(); }

void SmtpTestServer::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (listener_ >= 0) {
    close(listener_);
    listener_ = -1;
  }
}

std::vector<SmtpTestServer::Message> SmtpTestServer::Messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

void SmtpTestServer::Serve() {
  while (!stopping_) {
    pollfd ready{listener_, POLLIN, 0};
    if (poll(&ready, 1, kPollMs) <= 0) continue;
    int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    Session(client);
    close(client);
  }
}

void SmtpTestServer::Session(int client) {
  auto reply = [client](const std::string& text) {
    std::string line = text + "\r\n";
    ssize_t ignored = send(client, line.data(), line.size(), MSG_NOSIGNAL);
    (void)ignored;
  };
  std::string buffer;
  // The next CRLF-ended line, or false when the client left or we stop.
  auto next_line = [&](std::string& line) {
    while (true) {
      size_t end = buffer.find("\r\n");
      if (end != std::string::npos) {
        line = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        return true;
      }
      if (stopping_) return false;
      pollfd ready{client, POLLIN, 0};
      if (poll(&ready, 1, kPollMs) <= 0) continue;
      char chunk[4096];
      ssize_t got = recv(client, chunk, sizeof chunk, 0);
      if (got <= 0) return false;
      buffer.append(chunk, static_cast<size_t>(got));
    }
  };

  reply("220 127.0.0.1 alongside test SMTP");
  Message message;
  std::string line;
  while (next_line(line)) {
    if (StartsWithNoCase(line, "EHLO") || StartsWithNoCase(line, "HELO")) {
      reply("250 127.0.0.1");
    } else if (StartsWithNoCase(line, "MAIL FROM:")) {
      if (int code = refuse_code_.load(); code != 0) {
        reply(std::to_string(code) + " refused by the test");
        continue;
      }
      message = Message{};
      message.from = PathOf(line);
      reply("250 OK");
    } else if (StartsWithNoCase(line, "RCPT TO:")) {
      message.to.push_back(PathOf(line));
      reply("250 OK");
    } else if (StartsWithNoCase(line, "DATA")) {
      reply("354 end with <CRLF>.<CRLF>");
      std::string data;
      bool ended = false;
      while (next_line(line)) {
        if (line == ".") {
          ended = true;
          break;
        }
        if (!line.empty() && line[0] == '.') line.erase(0, 1);
        data += line + "\r\n";
      }
      if (!ended) return;
      message.data = std::move(data);
      {
        std::lock_guard lock(mutex_);
        messages_.push_back(message);
      }
      reply("250 OK queued");
    } else if (StartsWithNoCase(line, "RSET") || StartsWithNoCase(line, "NOOP")) {
      message = Message{};
      reply("250 OK");
    } else if (StartsWithNoCase(line, "QUIT")) {
      reply("221 bye");
      return;
    } else {
      reply("502 not implemented");
    }
  }
}

std::string MailHeader(const std::string& message, const std::string& name) {
  const std::string prefix = name + ": ";
  size_t start = 0;
  while (start < message.size()) {
    size_t end = message.find("\r\n", start);
    if (end == std::string::npos) end = message.size();
    if (end == start) return "";  // the blank line: the headers ended
    if (message.compare(start, prefix.size(), prefix) == 0) {
      return message.substr(start + prefix.size(), end - start - prefix.size());
    }
    start = end + 2;
  }
  return "";
}

std::string MailBody(const std::string& message) {
  size_t blank = message.find("\r\n\r\n");
  return blank == std::string::npos ? "" : message.substr(blank + 4);
}

}  // namespace alongside::testing
