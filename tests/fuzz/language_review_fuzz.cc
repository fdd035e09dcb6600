// The note language review over any text: domain::LanguageReview::Review
// with the built-in rules (src/rules/data/language.json), which reads the
// passage as words, finds quotations and sentence ends, and matches every
// rule, its exceptions and the reporting frames.
// Invariants: flags come in order and never overlap; each lies within the
// passage and within the first kMaxReviewBytes bytes, starts and ends on
// whole, well-formed characters (never half of one; bytes that are not UTF-8
// may lie between its words, as punctuation does), and names a rule of the
// file with that rule's category and suggestion; reviewing the same text
// twice gives the same flags.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/language_review.h"
#include "fuzz_check.h"

namespace {

bool IsContinuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// The bytes of the character that `lead` starts (1 for a byte that starts none).
std::size_t CharacterSize(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  if (byte >= 0xC2 && byte <= 0xDF) return 2;
  if (byte >= 0xE0 && byte <= 0xEF) return 3;
  if (byte >= 0xF0 && byte <= 0xF4) return 4;
  return 1;
}

// The first and the last character of passage[start, end) are whole and
// well-formed.
bool WholeAtBothEnds(std::string_view passage, std::size_t start, std::size_t end) {
  const std::size_t first_size = std::min(CharacterSize(passage[start]), end - start);
  std::size_t last_start = end - 1;
  while (last_start > start && end - last_start < 4 && IsContinuation(passage[last_start])) {
    --last_start;
  }
  return alongside::fuzz::IsUtf8(passage.substr(start, first_size)) &&
         alongside::fuzz::IsUtf8(passage.substr(last_start, end - last_start));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alongside;
  const std::string_view passage(reinterpret_cast<const char*>(data), size);
  const domain::LanguageReview& review = domain::LanguageReview::Current();
  const std::vector<domain::LanguageFlag> flags = review.Review(passage);
  std::size_t previous_end = 0;
  for (const domain::LanguageFlag& flag : flags) {
    ALONGSIDE_FUZZ_CHECK(flag.start >= previous_end);
    ALONGSIDE_FUZZ_CHECK(flag.start < flag.end);
    ALONGSIDE_FUZZ_CHECK(flag.end <= passage.size() && flag.end <= domain::kMaxReviewBytes);
    ALONGSIDE_FUZZ_CHECK(WholeAtBothEnds(passage, flag.start, flag.end));
    const domain::LanguageRule* rule = review.Find(flag.rule);
    ALONGSIDE_FUZZ_CHECK(rule != nullptr);
    ALONGSIDE_FUZZ_CHECK(rule->category == flag.category && rule->suggestion == flag.suggestion);
    previous_end = flag.end;
  }
  ALONGSIDE_FUZZ_CHECK(review.Review(passage) == flags);
  return 0;
}
