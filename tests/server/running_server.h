// An in-process Server for tests: listens on an ephemeral loopback port in a
// thread of its own from construction, and is stopped and joined when
// destroyed.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "server/server.h"
#include "store/store.h"

namespace alongside::testing {

// Cheap argon2id for tests (libsodium's minimum cost); production uses the
// OWASP figures (AuthOptions defaults), checked in auth_test.cc.
inline server::AuthOptions TestAuthOptions() {
  server::AuthOptions options;
  options.argon_ops = 1;
  options.argon_memory_bytes = 8192;
  return options;
}

class RunningServer {
 public:
  RunningServer(store::Store& store, const server::ServerOptions& options)
      : server_(std::make_unique<server::Server>(store, options)) {
    Result<int> port = server_->BindToAnyPort();
    EXPECT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] {
      Status listened = server_->ListenAfterBind();
      EXPECT_TRUE(listened.ok()) << listened.ToString();
    });
    // Stop() before the listen loop has started would be lost: wait for it.
    while (!server_->IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~RunningServer() {
    server_->Stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }

 private:
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace alongside::testing
