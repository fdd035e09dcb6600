#include "rules/json_positions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace alongside::rules {
namespace {

// "line:column" of a pointer's value, or "absent".
std::string At(const JsonPositions& positions, const std::string& pointer) {
  auto found = positions.values.find(pointer);
  if (found == positions.values.end()) return "absent";
  return std::to_string(found->second.line) + ":" + std::to_string(found->second.column);
}

TEST(RulesJsonPositionsTest, Positions1_NestedObjectsAndArrays) {
  const std::string text =
      "{\n"
      "  \"team\": {\"name\": \"North\", \"sizes\": [1, 22, {\"x\": null}]},\n"
      "  \"list\": [\n"
      "    {\"code\": \"a\"},\n"
      "    [true, false]\n"
      "  ],\n"
      "  \"empty\": {}, \"none\": []\n"
      "}\n";
  JsonPositions positions = ScanJsonPositions(text);
  EXPECT_EQ(At(positions, ""), "1:1");
  EXPECT_EQ(At(positions, "/team"), "2:11");
  EXPECT_EQ(At(positions, "/team/name"), "2:20");
  EXPECT_EQ(At(positions, "/team/sizes"), "2:38");
  EXPECT_EQ(At(positions, "/team/sizes/0"), "2:39");
  EXPECT_EQ(At(positions, "/team/sizes/1"), "2:42");
  EXPECT_EQ(At(positions, "/team/sizes/2"), "2:46");
  EXPECT_EQ(At(positions, "/team/sizes/2/x"), "2:52");
  EXPECT_EQ(At(positions, "/list"), "3:11");
  EXPECT_EQ(At(positions, "/list/0"), "4:5");
  EXPECT_EQ(At(positions, "/list/0/code"), "4:14");
  EXPECT_EQ(At(positions, "/list/1"), "5:5");
  EXPECT_EQ(At(positions, "/list/1/1"), "5:12");
  EXPECT_EQ(At(positions, "/empty"), "7:12");
  EXPECT_EQ(At(positions, "/none"), "7:24");
  EXPECT_EQ(At(positions, "/list/2"), "absent");
  EXPECT_EQ(positions.values.size(), 16u);
  EXPECT_TRUE(positions.duplicate_keys.empty());
}

TEST(RulesJsonPositionsTest, Positions2_StringsWithEscapedQuotesAndBrackets) {
  // Quotes, brackets, braces, commas and colons inside strings are text, not
  // structure; so is an escaped backslash just before a closing quote.
  const std::string text = R"({"a": "say \"[{\" , : }]", "b": ["x\\", "]", {"c\"d": 5}], "e": 1})";
  JsonPositions positions = ScanJsonPositions(text);
  EXPECT_EQ(At(positions, "/a"), "1:7");
  EXPECT_EQ(At(positions, "/b"), "1:33");
  EXPECT_EQ(At(positions, "/b/0"), "1:34");
  EXPECT_EQ(At(positions, "/b/1"), "1:41");
  EXPECT_EQ(At(positions, "/b/2"), "1:46");
  EXPECT_EQ(At(positions, "/b/2/c\"d"), "1:55");
  EXPECT_EQ(At(positions, "/e"), "1:65");
  EXPECT_EQ(positions.values.size(), 8u);
}

TEST(RulesJsonPositionsTest, Positions3_KeysAreUnescapedThenPointerEscaped) {
  const std::string text = R"({"a/b": 1, "m~n": 2, "\u00e9t\u00e9": 3, "\ud83d\ude00": 4})";
  JsonPositions positions = ScanJsonPositions(text);
  EXPECT_EQ(At(positions, "/a~1b"), "1:9");
  EXPECT_EQ(At(positions, "/m~0n"), "1:19");
  EXPECT_EQ(At(positions, "/\xC3\xA9t\xC3\xA9"), "1:39");
  EXPECT_EQ(At(positions, "/\xF0\x9F\x98\x80"), "1:58");
}

TEST(RulesJsonPositionsTest, Positions4_ColumnsCountCharactersNotBytes) {
  // "é" is two bytes in UTF-8 and one column in an editor.
  const std::string text = "{\"label\": \"caf\xC3\xA9\", \"next\": 1}";
  JsonPositions positions = ScanJsonPositions(text);
  EXPECT_EQ(At(positions, "/next"), "1:27");
  EXPECT_EQ(PositionOfOffset(text, text.find("\"next\"")).column, 19);
}

TEST(RulesJsonPositionsTest, Positions5_RepeatedKeysAreListed) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": {\"c\": 1, \"c\": 2},\n  \"a\": 3\n}";
  JsonPositions positions = ScanJsonPositions(text);
  ASSERT_EQ(positions.duplicate_keys.size(), 2u);
  EXPECT_EQ(positions.duplicate_keys[0].first, "/b/c");
  EXPECT_EQ(positions.duplicate_keys[0].second.line, 3);
  EXPECT_EQ(positions.duplicate_keys[0].second.column, 17);
  EXPECT_EQ(positions.duplicate_keys[1].first, "/a");
  EXPECT_EQ(positions.duplicate_keys[1].second.line, 4);
  EXPECT_EQ(positions.duplicate_keys[1].second.column, 3);
  EXPECT_EQ(At(positions, "/a"), "2:8");  // the first occurrence
}

TEST(RulesJsonPositionsTest, Positions6_InvalidTextIsSafeAndPartial) {
  for (const std::string& text :
       std::vector<std::string>{"", "{", "{\"a\": [1, 2", "{\"a\" 1}", "[\"unterminated",
                                "{\"a\": \"\\u12", "]]]", "{\"a\": 1,}", std::string(10000, '[')}) {
    JsonPositions positions = ScanJsonPositions(text);
    EXPECT_LE(positions.values.size(), text.size() + 1) << text.substr(0, 20);
  }
  EXPECT_EQ(At(ScanJsonPositions("{\"a\": [1, 2"), "/a/1"), "1:11");
}

TEST(RulesJsonPositionsTest, Positions7_OffsetsAndLineEnds) {
  const std::string text = "ab\ncd\n";
  EXPECT_EQ(PositionOfOffset(text, 0).line, 1);
  EXPECT_EQ(PositionOfOffset(text, 0).column, 1);
  EXPECT_EQ(PositionOfOffset(text, 2).column, 3);  // the newline itself
  EXPECT_EQ(PositionOfOffset(text, 3).line, 2);
  EXPECT_EQ(PositionOfOffset(text, 3).column, 1);
  EXPECT_EQ(PositionOfOffset(text, 99).line, 3);  // past the end: after the last character
  EXPECT_EQ(PositionOfOffset(text, 99).column, 1);
}

TEST(RulesJsonPositionsTest, Positions8_EscapePointerToken) {
  EXPECT_EQ(EscapePointerToken("a/b~c"), "a~1b~0c");
  EXPECT_EQ(EscapePointerToken("plain"), "plain");
}

TEST(RulesJsonPositionsTest, Positions9_ByteOrderMarkTakesNoColumn) {
  const std::string text = "\xEF\xBB\xBF{\"a\": [1, 2]}";
  JsonPositions positions = ScanJsonPositions(text);
  EXPECT_EQ(At(positions, ""), "1:1");
  EXPECT_EQ(At(positions, "/a"), "1:7");
  EXPECT_EQ(At(positions, "/a/1"), "1:11");
}

TEST(RulesJsonPositionsTest, Positions10_ScanStopsBelowTheDepthLimit) {
  // Found while writing tests/fuzz/data_file_fuzz: every value's pointer is
  // as long as its depth, so 20,000 nested arrays (40 KB) took 400 MB to
  // scan, and a 100 KB file several gigabytes.
  const size_t limit = kMaxJsonDepth;
  const std::string at_limit = std::string(limit, '[') + std::string(limit, ']');
  JsonPositions within = ScanJsonPositions(at_limit);
  EXPECT_FALSE(within.too_deep.has_value());
  EXPECT_EQ(within.values.size(), limit);

  const std::string deep = std::string(20'000, '[') + std::string(20'000, ']');
  JsonPositions positions = ScanJsonPositions(deep);
  ASSERT_TRUE(positions.too_deep.has_value());
  std::string pointer;
  for (size_t level = 0; level < limit; ++level) pointer += "/0";
  EXPECT_EQ(positions.too_deep->first, pointer);
  EXPECT_EQ(positions.too_deep->second.line, 1);
  EXPECT_EQ(positions.too_deep->second.column, static_cast<int>(limit) + 1);
  EXPECT_EQ(positions.values.size(), limit + 1);
}

}  // namespace
}  // namespace alongside::rules
