// A loopback webhook receiver for tests (cpp-httplib's server, so only a
// test that links PkgConfig::HTTPLIB includes this). It records every POST
// to /hook and answers 204, or the status it was told to. Thread-safe.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace alongside::testing {

class WebhookTestServer {
 public:
  struct Request {
    std::string body;
    std::string content_type;
    std::string signature;  // X-Alongside-Signature, "" when absent
  };

  // Listens on 127.0.0.1:`port` (0: a free port) until Stop() or
  // destruction. Throws std::runtime_error if it cannot bind.
  explicit WebhookTestServer(int port = 0) {
    server_.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::unique_lock lock(mutex_);
      ++arrived_;
      changed_.notify_all();
      // Held: answer only once released (or after 20 s), to stand for a
      // receiver that hangs.
      changed_.wait_for(lock, std::chrono::seconds(20), [this] { return !hold_; });
      requests_.push_back({request.body, request.get_header_value("Content-Type"),
                           request.get_header_value("X-Alongside-Signature")});
      response.status = status_;
    });
    port_ = port == 0 ? server_.bind_to_any_port("127.0.0.1")
                      : (server_.bind_to_port("127.0.0.1", port) ? port : -1);
    if (port_ <= 0) throw std::runtime_error("webhook test server: cannot bind");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int wait = 0; wait < 200 && !server_.is_running(); ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~WebhookTestServer() { Stop(); }
  WebhookTestServer(const WebhookTestServer&) = delete;
  WebhookTestServer& operator=(const WebhookTestServer&) = delete;

  int port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void AnswerWith(int status) {
    std::lock_guard lock(mutex_);
    status_ = status;
  }
  // While held, a POST waits (unanswered) until Release().
  void Hold() {
    std::lock_guard lock(mutex_);
    hold_ = true;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    hold_ = false;
    changed_.notify_all();
  }
  // Waits up to `timeout` for `count` POSTs to have arrived (answered or not).
  bool WaitForArrivals(int count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return arrived_ >= count; });
  }
  std::vector<Request> Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  void Stop() {
    Release();
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Request> requests_;
  int arrived_ = 0;
  int status_ = 204;
  bool hold_ = false;
  std::thread thread_;
};

}  // namespace alongside::testing
