// The HTTP front of Alongside: one route table (routes.cc) over a Store.
// Listen() blocks serving requests until Stop() is called from another
// thread (the serve command calls it on SIGTERM/SIGINT); requests in flight
// finish before Listen() returns.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "server/auth.h"
#include "access/policy.h"
#include "server/router.h"
#include "server/transport.h"
#include "store/store.h"
#include "usecase/usecase.h"

namespace alongside::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int worker_threads = 32;  // keep-alive connections each hold one
  AuthOptions auth;
  TransportLimits transport;
  // The channels configured beside the in-app list: a safety event writes
  // an outbox row for each (notify/outbox.h delivers them).
  usecase::OutboxChannels outbox;
};

class Server {
 public:
  Server(store::Store& store, ServerOptions options);
  ~Server();

  // Binds, then serves until Stop(). Unavailable when the address cannot be bound.
  Status Listen();
  // Binds to a free port chosen by the OS; returns it. Serve with ListenAfterBind().
  Result<int> BindToAnyPort();
  Status ListenAfterBind();
  void Stop();
  bool IsRunning() const;
  const Router& router() const { return router_; }

 private:
  store::Store& store_;
  ServerOptions options_;
  Authenticator auth_;
  Policy policy_;
  Services services_;
  Router router_;
  std::unique_ptr<GuardedHttpServer> http_;
};

}  // namespace alongside::server
