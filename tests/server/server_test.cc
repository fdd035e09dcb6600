#include "server/server.h"

#include <httplib.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "server/http_status.h"
#include "store/sqlite/sqlite_store.h"
#include "running_server.h"
#include "support/test_support.h"

namespace alongside::server {
namespace {

using testing::TempDir;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(dir_.File("s.db"), store::OpenMode::kCreate);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(opened).value();
    ids_ = testing::MakeSmallProgram(*store_);
    ServerOptions options;
    options.worker_threads = 4;
    server_ = std::make_unique<testing::RunningServer>(*store_, options);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  testing::SmallProgram ids_;
  std::unique_ptr<testing::RunningServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthzAnswers) {
  auto response = client_->Get("/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body)["status"], "ok");
}

TEST_F(ServerTest, SummaryCountsComeFromTheDatabase) {
  store_->RecordContact(ids_.person, ids_.worker, testing::DraftVersion(ids_.worker, 1'790'000'000),
                        testing::kTestActor).value();
  auto response = client_->Get("/api/v1/program/summary");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  nlohmann::json body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body["teams"], 1);
  EXPECT_EQ(body["peer_workers"], 2);
  EXPECT_EQ(body["people_served"], 2);
  EXPECT_EQ(body["contacts"], 1);
  EXPECT_EQ(body["supervision_sessions"], 0);
}

TEST_F(ServerTest, EveryResponseCarriesSecurityHeaders) {
  for (const char* path : {"/healthz", "/api/v1/program/summary", "/no/such/route"}) {
    auto response = client_->Get(path);
    ASSERT_TRUE(response);
    EXPECT_NE(response->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos) << path;
    EXPECT_EQ(response->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(response->get_header_value("Cache-Control"), "no-store");
  }
}

TEST_F(ServerTest, UnknownRoutesGetAJsonNotFound) {
  auto response = client_->Get("/api/v1/nothing-here");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(nlohmann::json::parse(response->body)["error"], "not_found");
}

TEST(HttpStatusTest, OneMappingForEveryKind) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kForbidden), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  httplib::Response response;
  RespondError(Status::InvalidArgument("duration_minutes", "must be 1..720"), response);
  EXPECT_EQ(response.status, 400);
  nlohmann::json body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"], "invalid");
  EXPECT_EQ(body["field"], "duration_minutes");
  EXPECT_EQ(body["detail"], "must be 1..720");
  RespondError(Status::Internal("sqlite: disk I/O error at /secret/path"), response);
  EXPECT_EQ(nlohmann::json::parse(response.body)["detail"], "internal error");
}

}  // namespace
}  // namespace alongside::server
