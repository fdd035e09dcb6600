#include "rules/data_file.h"

#include <gtest/gtest.h>

namespace alongside::rules {
namespace {

DataFile MustParse(std::string_view text) {
  Result<DataFile> file = DataFile::Parse("test.json", text);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return std::move(file).value();
}

TEST(RulesDataFileTest, DataFile1_SyntaxErrorNamesFileLineAndColumn) {
  Result<DataFile> file = DataFile::Parse("practice.json", "{\n  \"a\": 1,\n}\n");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(file.status().field(), "practice.json:3:1");
  EXPECT_EQ(file.status().detail(),
            "syntax error while parsing object key - unexpected '}'; expected string literal");
  EXPECT_EQ(file.status().ToString(),
            "invalid: practice.json:3:1: syntax error while parsing object key - unexpected '}'; "
            "expected string literal");
}

TEST(RulesDataFileTest, DataFile2_SyntaxErrorCases) {
  struct Case {
    const char* id;
    std::string text;
    const char* field;
  };
  const Case cases[] = {
      {"empty", "", "f.json:1:1"},
      {"missing-comma", "{\"a\": 1\n \"b\": 2}", "f.json:2:4"},
      {"comment", "{\n  // no comments\n  \"a\": 1\n}", "f.json:2:3"},
      {"unclosed-at-end", "{\"a\": [1, 2", "f.json:1:12"},
      {"bad-literal-after-utf8", "{\"l\": \"caf\xC3\xA9\", \"n\": tru}", "f.json:1:23"},
      {"trailing-text", "{}\n{}", "f.json:2:1"},
  };
  for (const Case& test_case : cases) {
    Result<DataFile> file = DataFile::Parse("f.json", test_case.text);
    ASSERT_FALSE(file.ok()) << test_case.id;
    EXPECT_EQ(file.status().field(), test_case.field)
        << test_case.id << ": " << file.status().ToString();
    EXPECT_FALSE(file.status().detail().empty()) << test_case.id;
    EXPECT_EQ(file.status().detail().find("json.exception"), std::string::npos) << test_case.id;
  }
}

TEST(RulesDataFileTest, DataFile3_RepeatedKeyIsAnError) {
  Result<DataFile> file = DataFile::Parse(
      "labels.json", "{\n  \"roles\": {\n    \"a\": \"A\",\n    \"a\": \"B\"\n  }\n}");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().field(), "labels.json:4:5");
  EXPECT_EQ(file.status().detail(), "roles.a is given more than once");
}

TEST(RulesDataFileTest, DataFile3b_NestingDeeperThanTheLimitIsAnError) {
  // Found while writing tests/fuzz/data_file_fuzz: a 40 KB file of nested arrays
  // parsed, but finding its positions took 400 MB, and a 100 KB file several
  // gigabytes. Data files nest a few levels.
  Result<DataFile> deep = DataFile::Parse(
      "labels.json", "{\"roles\": " + std::string(20'000, '[') + std::string(20'000, ']') + "}");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(deep.status().field(), "labels.json:1:74");
  std::string path = "roles";
  for (int level = 1; level < 64; ++level) path += "[0]";
  EXPECT_EQ(deep.status().detail(), path + " nests deeper than 64 levels");

  const std::string at_limit = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(DataFile::Parse("f.json", at_limit).ok());
}

TEST(RulesDataFileTest, DataFile4_PathsReadLikeTheDocument) {
  DataFile file = MustParse(R"({"activities": [{"scope": "x"}], "a/b": {"c": [[1]]}})");
  EXPECT_EQ(file.PathOf(""), "the top level");
  EXPECT_EQ(file.PathOf("/activities/0/scope"), "activities[0].scope");
  EXPECT_EQ(file.PathOf("/a~1b/c/0/0"), "a/b.c[0][0]");
  EXPECT_EQ(file.PathOf("/activities/7/code"), "activities[7].code");  // missing, still readable
  EXPECT_EQ(DataFile::Child("/a", "b/c"), "/a/b~1c");
  EXPECT_EQ(DataFile::Child("/a", 3), "/a/3");
  ASSERT_NE(file.Find("/a~1b/c/0/0"), nullptr);
  EXPECT_EQ(*file.Find("/a~1b/c/0/0"), 1);
  EXPECT_EQ(file.Find("/activities/1"), nullptr);
  EXPECT_EQ(file.Find("/activities/x"), nullptr);
}

TEST(RulesDataFileTest, DataFile5_ErrorNamesTheValuesLine) {
  DataFile file =
      MustParse("{\n  \"activities\": [\n    {\"code\": \"a\", \"scope\": \"sometimes\"}\n  ]\n}");
  Status status = file.Error("/activities/0/scope", "must be peer or clinical-only");
  EXPECT_EQ(status.field(), "test.json:3:28");
  EXPECT_EQ(status.ToString(),
            "invalid: test.json:3:28: activities[0].scope must be peer or clinical-only");
  // A missing value points at the object that lacks it.
  EXPECT_EQ(file.Error("/activities/0/label", "is missing").field(), "test.json:3:5");
}

TEST(RulesDataFileTest, DataFile6_TypedReads) {
  DataFile file = MustParse(
      "{\n"
      "  \"hours\": 72,\n"
      "  \"zero\": 0,\n"
      "  \"negative\": -5,\n"
      "  \"float\": 72.0,\n"
      "  \"quoted\": \"72\",\n"
      "  \"huge\": 99999999999999999999,\n"
      "  \"blank\": \"  \",\n"
      "  \"list\": [],\n"
      "  \"object\": {}\n"
      "}\n");
  EXPECT_EQ(*file.Integer("/hours", 1, 720), 72);
  EXPECT_EQ(*file.Integer("/negative", -10, 10), -5);

  struct Case {
    const char* id;
    Status status;
    const char* field;
    const char* detail;
  };
  const Case cases[] = {
      {"int-below", file.Integer("/zero", 1, 720).status(), "test.json:3:11",
       "zero must be a whole number from 1 to 720 (got 0)"},
      {"int-negative", file.Integer("/negative", 0, 10).status(), "test.json:4:15",
       "negative must be a whole number from 0 to 10 (got -5)"},
      {"int-float", file.Integer("/float", 1, 720).status(), "test.json:5:12",
       "float must be a whole number from 1 to 720 (got 72.0)"},
      {"int-quoted", file.Integer("/quoted", 1, 720).status(), "test.json:6:13",
       "quoted must be a whole number from 1 to 720 (got \"72\")"},
      {"int-huge", file.Integer("/huge", 1, 720).status(), "test.json:7:11",
       "huge must be a whole number from 1 to 720 (got 1e+20)"},
      {"int-missing", file.Integer("/nope", 1, 2).status(), "test.json:1:1", "nope is missing"},
      {"string-blank", file.String("/blank").status(), "test.json:8:12", "blank must not be empty"},
      {"string-number", file.String("/hours").status(), "test.json:2:12",
       "hours must be text in quotes (got 72)"},
      {"array-object", file.Array("/object").status(), "test.json:10:13",
       "object must be a JSON array ([...])"},
      {"object-array", file.Object("/list").status(), "test.json:9:11",
       "list must be a JSON object ({...})"},
  };
  for (const Case& test_case : cases) {
    EXPECT_EQ(test_case.status.code(), StatusCode::kInvalidArgument) << test_case.id;
    EXPECT_EQ(test_case.status.field(), test_case.field) << test_case.id;
    EXPECT_EQ(test_case.status.detail(), test_case.detail) << test_case.id;
  }
  EXPECT_TRUE(file.Array("/list").ok());
  EXPECT_TRUE(file.Object("/object").ok());
}

TEST(RulesDataFileTest, DataFile7_RejectUnknownKeysNamesTheFirstInTheText) {
  // "zeta" sorts after "alpha" but comes first in the text: the report follows the text.
  DataFile file = MustParse("{\n  \"zeta\": 1,\n  \"known\": 2,\n  \"alpha\": 3\n}");
  Status status = file.RejectUnknownKeys("", {"known"});
  EXPECT_EQ(status.field(), "test.json:2:11");
  EXPECT_EQ(status.detail(), "zeta is not expected here (expected: known)");
  EXPECT_TRUE(file.RejectUnknownKeys("", {"known", "zeta", "alpha"}).ok());
  EXPECT_EQ(file.RejectUnknownKeys("/known", {}).detail(), "known must be a JSON object ({...})");
}

TEST(RulesDataFileTest, DataFile8_BuiltinFilesAreThere) {
  for (const char* name : {"practice.json", "roles.json", "labels.json", "activities.json"}) {
    std::optional<std::string_view> text = BuiltinDataFile(name);
    ASSERT_TRUE(text.has_value()) << name;
    EXPECT_TRUE(DataFile::Parse(name, *text).ok()) << name;
  }
  EXPECT_FALSE(BuiltinDataFile("nonsense.json").has_value());
}

TEST(RulesDataFileTest, DataFile9_MessagesStayValidText) {
  // A Latin-1 byte where UTF-8 is expected: the message names the place
  // without quoting the broken byte back.
  Result<DataFile> file = DataFile::Parse("f.json", "{\"label\": \"caf\xE9\"}");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().field(), "f.json:1:16");
  EXPECT_EQ(file.status().detail(),
            "syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
}

}  // namespace
}  // namespace alongside::rules
