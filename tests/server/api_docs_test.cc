#include "server/api_docs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/router.h"

namespace alongside::server {
namespace {

TEST(ApiDocsTest, CommittedReferenceMatchesTheRouteTable) {
  std::ifstream file(std::string(ALONGSIDE_SOURCE_DIR) + "/docs/api.md");
  ASSERT_TRUE(file) << "docs/api.md is missing: run alongside api-docs > docs/api.md";
  std::stringstream committed;
  committed << file.rdbuf();
  EXPECT_EQ(committed.str(), ApiReferenceMarkdown())
      << "docs/api.md is out of date: run alongside api-docs > docs/api.md";
}

TEST(ApiDocsTest, EveryRouteHasASummaryAndEveryWriteAnExample) {
  Router router;
  AddApiRoutes(router);
  for (const Route& route : router.routes()) {
    EXPECT_FALSE(route.summary.empty()) << route.path;
    EXPECT_FALSE(route.example_response.empty()) << route.method << " " << route.path;
    EXPECT_NE(ApiReferenceMarkdown().find("## " + route.method + " " + route.path),
              std::string::npos);
  }
}

}  // namespace
}  // namespace alongside::server
