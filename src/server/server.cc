#include "server/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <string>

#include "server/routes.h"

namespace alongside::server {

Server::Server(store::Store& store, ServerOptions options)
    : store_(store),
      options_(std::move(options)),
      auth_(store_, options_.auth),
      policy_(store_),
      services_{store_, auth_, policy_, options_.transport},
      http_(std::make_unique<GuardedHttpServer>(options_.transport)) {
  services_.use_cases.outbox = options_.outbox;
  // Debian's cpp-httplib leaves Nagle on: every small response would wait on
  // a delayed ACK (about 300 requests/s instead of tens of thousands).
  http_->set_tcp_nodelay(true);
  int threads = options_.worker_threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // A handler that throws is a bug: log it, answer a 500 that says nothing
  // of the inside (cpp-httplib would put the exception's text in a header),
  // and keep serving. Nothing was written: a write either committed before
  // the throw or was never acknowledged.
  http_->set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          what = exception.what();
        } catch (...) {
        }
        spdlog::error("{} {} failed: {}", request.method, request.path, what);
        response.status = 500;
        response.set_content(R"({"error":"internal","detail":"the request could not be completed"})",
                             "application/json");
      });
  RegisterRoutes(*http_, router_, services_);
}

Server::~Server() = default;

Status Server::Listen() {
  if (!http_->bind_to_port(options_.bind, options_.port)) {
    return Status::Unavailable("cannot listen on " + options_.bind + ":" +
                               std::to_string(options_.port) + " (in use or not permitted)");
  }
  http_->WidenBacklog();
  return ListenAfterBind();
}

Result<int> Server::BindToAnyPort() {
  int port = http_->bind_to_any_port(options_.bind);
  if (port <= 0) return Status::Unavailable("cannot bind to " + options_.bind);
  http_->WidenBacklog();
  return port;
}

Status Server::ListenAfterBind() {
  if (!http_->listen_after_bind()) return Status::Unavailable("the server stopped unexpectedly");
  return Status::Ok();
}

void Server::Stop() { http_->stop(); }

bool Server::IsRunning() const { return http_->is_running(); }

}  // namespace alongside::server
