// What the fuzz targets share: ALONGSIDE_FUZZ_CHECK, which aborts on a
// broken invariant so that libFuzzer saves the input as a crash (a parse
// that succeeds must give a value its own rules allow), and a UTF-8 check
// that, unlike IsValidText, allows NUL (JSON strings may carry "\u0000").
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "common/text.h"

#define ALONGSIDE_FUZZ_CHECK(condition)                                                      \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace alongside::fuzz {

// Well-formed UTF-8 (IsValidText's rule) where NUL counts as a character.
inline bool IsUtf8(std::string_view text) {
  size_t start = 0;
  while (true) {
    const size_t nul = text.find('\0', start);
    if (!IsValidText(text.substr(start, nul == std::string_view::npos ? nul : nul - start))) {
      return false;
    }
    if (nul == std::string_view::npos) return true;
    start = nul + 1;
  }
}

}  // namespace alongside::fuzz
