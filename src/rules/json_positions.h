// Where things are in a JSON text: for each JSON pointer (RFC 6901,
// "/activities/3/scope"; "" for the whole document) the line and column at
// which its value starts, so a data file's semantic errors can name a line.
// Pure functions over the text; nothing is kept between calls.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace alongside::rules {

// A place in a text, both 1-based. The column counts characters (UTF-8 code
// points), not bytes, so it matches what an editor shows; a leading UTF-8
// byte order mark (which JSON parsers skip) takes no column.
struct TextPosition {
  int line = 1;
  int column = 1;
};

// The position of the byte at `offset` in `text`; an offset at or past the
// end gives the position just after the last character.
TextPosition PositionOfOffset(std::string_view text, size_t offset);

// How deep objects and arrays may nest. A value's pointer is as long as its
// depth, so scanning deeper documents would take memory quadratic in their
// length (a 100 KB file of nested arrays, several gigabytes); data files
// nest a few levels.
inline constexpr size_t kMaxJsonDepth = 64;

struct JsonPositions {
  // Pointer -> where its value starts (the first occurrence of a repeated key).
  std::unordered_map<std::string, TextPosition> values;
  // Each object key that repeats an earlier key of the same object, in text
  // order: its pointer and where the repeated key starts.
  std::vector<std::pair<std::string, TextPosition>> duplicate_keys;
  // The first object or array that opens deeper than kMaxJsonDepth: its
  // pointer and where it starts. The scan stops there.
  std::optional<std::pair<std::string, TextPosition>> too_deep;
};

// Walks `text`, which the caller has already checked is valid JSON, down to
// kMaxJsonDepth levels. On text that is not valid JSON the call is still safe
// (no read past the end, no recursion) but the result is incomplete.
JsonPositions ScanJsonPositions(std::string_view text);

// One reference token of a pointer with '~' and '/' escaped ("a/b" -> "a~1b").
std::string EscapePointerToken(std::string_view token);

}  // namespace alongside::rules
