// `alongside review` as a user meets it: note text on standard input, one
// JSON object per line on standard output, exit 0 whatever it finds and 2
// for a malformed rule file.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace alongside::cli {
namespace {

using testing::RunAlongside;
using testing::TempDir;

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(parsed.is_discarded()) << line;
    lines.push_back(std::move(parsed));
  }
  return lines;
}

TEST(CliReviewTest, Review1_OneJsonObjectPerLineWithByteOffsets) {
  const std::string input =
      "She was non-compliant today.\n"
      "We went for coffee and she talked about her garden.\n"
      "He said \"I am an addict\" and I told him to rest.\n";
  testing::CommandResult result = RunAlongside({"review"}, input);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // The documented shape, key order included.
  const std::string first_line = result.out.substr(0, result.out.find('\n'));
  EXPECT_EQ(first_line,
            "{\"line\":1,\"flags\":[{\"rule\":\"pathologizing-non-compliant\",\"category\":"
            "\"pathologizing\",\"start\":8,\"end\":21,\"suggestion\":\"what the person chose and "
            "why, in their words: \\\"has decided not to take ... because ...\\\"\"}]}");
  std::vector<nlohmann::json> lines = JsonLines(result.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], nlohmann::json::parse(R"({"line":2,"flags":[]})"));
  EXPECT_EQ(lines[2]["line"], 3);
  ASSERT_EQ(lines[2]["flags"].size(), 1u);
  EXPECT_EQ(lines[2]["flags"][0]["rule"], "directive-told-to");
  const std::string third = "He said \"I am an addict\" and I told him to rest.";
  EXPECT_EQ(lines[2]["flags"][0]["start"], third.find("I told"));
  EXPECT_EQ(lines[2]["flags"][0]["end"], third.find(" rest"));
}

TEST(CliReviewTest, Review2_CrlfFinalLineWithoutNewlineAndEmptyLines) {
  testing::CommandResult result =
      RunAlongside({"review"}, "the addict\r\n\r\n\nCafé, the addict’s friend");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<nlohmann::json> lines = JsonLines(result.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["flags"][0]["start"], 4);
  EXPECT_EQ(lines[0]["flags"][0]["end"], 10);  // the CR is not part of the line
  EXPECT_EQ(lines[1], nlohmann::json::parse(R"({"line":2,"flags":[]})"));
  EXPECT_EQ(lines[2], nlohmann::json::parse(R"({"line":3,"flags":[]})"));
  EXPECT_EQ(lines[3]["line"], 4);
  EXPECT_EQ(lines[3]["flags"][0]["start"], 11);  // "Café, the " is 11 bytes
  EXPECT_EQ(lines[3]["flags"][0]["end"], 21);    // "addict’s" is 10
  EXPECT_EQ(RunAlongside({"review"}, "").out, "");
}

TEST(CliReviewTest, Review3_LongAndInvalidLinesExitZero) {
  std::string input = "an addict \xff\xfe manipulative\n";
  std::string long_line;
  while (long_line.size() < 50000) long_line += "She was non-compliant. ";
  input += long_line + "\n";
  testing::CommandResult result = RunAlongside({"review"}, input);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<nlohmann::json> lines = JsonLines(result.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["flags"].size(), 2u);
  ASSERT_FALSE(lines[1]["flags"].empty());
  EXPECT_LE(lines[1]["flags"].back()["end"].get<size_t>(), 20000u);
  EXPECT_NE(result.err.find("line 2: only the first 20000 bytes were reviewed"), std::string::npos)
      << result.err;
}

TEST(CliReviewTest, Review4_ProgramRulesFromDataDirAndExitTwoWhenMalformed) {
  TempDir dir;
  std::ofstream(dir.File("language.json")) << R"({
  "sources": {"ours": "Our program's guide."},
  "exemptions": {"frames": ["called"], "frame_categories": [], "frame_window": 0,
                 "clause_words": [], "list_words": []},
  "rules": [{"id": "ours-lazy", "category": "pathologizing", "pattern": "lazy",
             "suggestion": "what the person found hard", "source": "ours"}]
})";
  testing::CommandResult own =
      RunAlongside({"review", "--data-dir", dir.path()}, "an addict, lazy\n");
  ASSERT_EQ(own.exit_code, 0) << own.err;
  std::vector<nlohmann::json> lines = JsonLines(own.out);
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0]["flags"].size(), 1u);
  EXPECT_EQ(lines[0]["flags"][0]["rule"], "ours-lazy");

  std::ofstream(dir.File("language.json")) << "{\n  \"rules\": [\n    {\"id\": \"x\", "
                                              "\"category\": \"pathologizing\", \"pattern\": "
                                              "\"la*\"}\n  ]\n}\n";
  testing::CommandResult bad = RunAlongside({"review", "--data-dir", dir.path()}, "lazy\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_NE(bad.err.find(dir.File("language.json") + ":1:1: sources is missing"), std::string::npos)
      << bad.err;

  std::ofstream(dir.File("language.json"))
      << R"({"sources": {"s": "x"}, "exemptions": {"frames": [], "frame_categories": [],
  "frame_window": 0, "clause_words": [], "list_words": []},
  "rules": [{"id": "x", "category": "pathologizing", "pattern": "la*", "suggestion": "y", "source": "s"}]})";
  bad = RunAlongside({"review", "--data-dir", dir.path()}, "lazy\n");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(dir.File("language.json") +
                         ":3:65: rules[0].pattern word 1 (\"la*\") needs at least 3 letters "
                         "before *"),
            std::string::npos)
      << bad.err;

  EXPECT_EQ(RunAlongside({"review", "--data-dir", dir.File("none")}, "x\n").exit_code, 2);
}

}  // namespace
}  // namespace alongside::cli
