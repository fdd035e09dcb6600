#include "common/text.h"

#include <gtest/gtest.h>

#include <string>

namespace alongside {
namespace {

using namespace std::string_literals;

TEST(TextTest, AcceptsWellFormedUtf8) {
  EXPECT_TRUE(IsValidText(""));
  EXPECT_TRUE(IsValidText("It helped to talk."));
  EXPECT_TRUE(IsValidText("Café, naïve, Zoë"));            // two-byte
  EXPECT_TRUE(IsValidText("Grüße – “quoted” €"));          // three-byte
  EXPECT_TRUE(IsValidText("A walk \xF0\x9F\x8C\xB3 today"));  // U+1F333, four-byte
  EXPECT_TRUE(IsValidText("\xF4\x8F\xBF\xBF"));               // U+10FFFF, the last
  EXPECT_TRUE(IsValidText("tabs\tand\nnew lines\r\n"));
}

TEST(TextTest, RefusesMalformedSequencesAndNul) {
  EXPECT_FALSE(IsValidText("\xFF"));
  EXPECT_FALSE(IsValidText("\x80 starts with a continuation byte"));
  EXPECT_FALSE(IsValidText("truncated \xC3"));
  EXPECT_FALSE(IsValidText("truncated \xE2\x82"));
  EXPECT_FALSE(IsValidText("\xC3\x28"));              // second byte is not a continuation
  EXPECT_FALSE(IsValidText("\xC0\xAF"));              // overlong "/"
  EXPECT_FALSE(IsValidText("\xE0\x80\xAF"));          // overlong "/"
  EXPECT_FALSE(IsValidText("\xED\xA0\x80"));          // U+D800, a surrogate
  EXPECT_FALSE(IsValidText("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(IsValidText("\xF8\x88\x80\x80\x80"));  // five-byte form
  EXPECT_FALSE(IsValidText("before\0after"s));
}

}  // namespace
}  // namespace alongside
