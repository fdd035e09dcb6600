// A loopback SMTP server for tests: one thread, one session at a time,
// enough of RFC 5321 for a client that sends one message (the 220
// greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA ending with ".", RSET,
// NOOP, QUIT). It records each message it accepts; told to refuse, it
// answers MAIL FROM with that code and records nothing. Thread-safe.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace alongside::testing {

class SmtpTestServer {
 public:
  struct Message {
    std::string from;             // MAIL FROM's path, brackets removed
    std::vector<std::string> to;  // each RCPT TO's path, brackets removed
    std::string data;             // the message as received, dot-stuffing undone, CRLF lines
  };

  // Listens on 127.0.0.1:`port` (0: a free port the OS picks) and serves
  // until Stop() or destruction. Throws std::runtime_error if it cannot bind.
  explicit SmtpTestServer(int port = 0);
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // 0 accepts; a code such as 554 is the answer to every MAIL FROM.
  void RefuseWith(int code) { refuse_code_ = code; }
  // Stops listening and ends a session in progress; the port is closed.
  void Stop();
  std::vector<Message> Messages() const;

 private:
  void Serve();
  void Session(int client);

  int port_ = 0;
  int listener_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<int> refuse_code_{0};
  mutable std::mutex mutex_;
  std::vector<Message> messages_;
  std::thread thread_;
};

// A header's value in an RFC 5322 message ("" when absent; no unfolding).
std::string MailHeader(const std::string& message, const std::string& name);
// The body after the blank line that ends the headers.
std::string MailBody(const std::string& message);

}  // namespace alongside::testing
