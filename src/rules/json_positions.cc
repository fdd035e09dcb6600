#include "rules/json_positions.h"

#include <unordered_set>
#include <utility>

namespace alongside::rules {
namespace {

bool IsContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// A UTF-8 byte order mark, which nlohmann skips and editors do not show.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

size_t SkipByteOrderMark(std::string_view text) {
  return text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Positions of increasing offsets in one pass: each call continues from the
// previous one, so scanning a whole document stays linear.
class PositionCursor {
 public:
  explicit PositionCursor(std::string_view text) : text_(text), offset_(SkipByteOrderMark(text)) {}

  TextPosition At(size_t offset) {
    if (offset > text_.size()) offset = text_.size();
    if (offset < offset_) *this = PositionCursor(text_);
    if (offset < offset_) return position_;  // inside the byte order mark
    for (; offset_ < offset; ++offset_) {
      char byte = text_[offset_];
      if (byte == '\n') {
        ++position_.line;
        position_.column = 1;
      } else if (!IsContinuationByte(byte)) {
        ++position_.column;
      }
    }
    return position_;
  }

 private:
  std::string_view text_;
  size_t offset_;
  TextPosition position_;
};

void AppendUtf8(unsigned code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : text_(text), cursor_(text), pos_(SkipByteOrderMark(text)) {}

  JsonPositions Run() {
    std::string pointer;  // of the value about to start
    bool have_value = true;
    while (have_value) {
      SkipSpace();
      if (AtEnd()) break;
      result_.values.emplace(pointer, cursor_.At(pos_));
      char first = text_[pos_];
      if (first == '{' || first == '[') {
        if (stack_.size() == kMaxJsonDepth) {
          result_.too_deep.emplace(pointer, cursor_.At(pos_));
          break;
        }
        ++pos_;
        stack_.push_back(Frame{first == '{', pointer, 0, {}});
        have_value = Advance(/*container_opened=*/true, &pointer);
      } else {
        if (first == '"') {
          ReadString();
        } else {
          SkipScalar();
        }
        have_value = Advance(/*container_opened=*/false, &pointer);
      }
    }
    return std::move(result_);
  }

 private:
  struct Frame {
    bool is_object;
    std::string pointer;
    size_t count;
    std::unordered_set<std::string> keys;
  };

  bool AtEnd() const { return pos_ >= text_.size(); }

  void SkipSpace() {
    while (!AtEnd() && IsJsonSpace(text_[pos_])) ++pos_;
  }

  // Numbers, true, false, null: up to the next delimiter.
  void SkipScalar() {
    while (!AtEnd() && !IsJsonSpace(text_[pos_]) && text_[pos_] != ',' && text_[pos_] != ']' &&
           text_[pos_] != '}') {
      ++pos_;
    }
  }

  // Reads 4 hex digits at pos_; -1 when they are not there.
  long ReadHex4() {
    if (text_.size() - pos_ < 4) return -1;
    long value = 0;
    for (int digit_idx = 0; digit_idx < 4; ++digit_idx) {
      char c = text_[pos_ + digit_idx];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        value |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        value |= c - 'A' + 10;
      } else {
        return -1;
      }
    }
    pos_ += 4;
    return value;
  }

  // At an opening quote: consumes the string and returns its decoded text.
  std::string ReadString() {
    std::string text;
    ++pos_;
    while (!AtEnd() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        text.push_back(c);
        continue;
      }
      if (AtEnd()) break;
      char escaped = text_[pos_++];
      switch (escaped) {
        case 'b':
          text.push_back('\b');
          break;
        case 'f':
          text.push_back('\f');
          break;
        case 'n':
          text.push_back('\n');
          break;
        case 'r':
          text.push_back('\r');
          break;
        case 't':
          text.push_back('\t');
          break;
        case 'u': {
          long unit = ReadHex4();
          if (unit < 0) break;
          unsigned code_point = static_cast<unsigned>(unit);
          // A high surrogate followed by "\u" and a low surrogate is one character.
          if (code_point >= 0xD800 && code_point < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            size_t saved = pos_;
            pos_ += 2;
            long low = ReadHex4();
            if (low >= 0xDC00 && low < 0xE000) {
              code_point =
                  0x10000 + ((code_point - 0xD800) << 10) + (static_cast<unsigned>(low) - 0xDC00);
            } else {
              pos_ = saved;
            }
          }
          AppendUtf8(code_point, &text);
          break;
        }
        default:
          text.push_back(escaped);
          break;  // '"', '\\', '/'
      }
    }
    if (!AtEnd()) ++pos_;  // the closing quote
    return text;
  }

  // After a value (or just after '{' or '['): finds the next value to scan,
  // closing the containers that end on the way, and sets `pointer` to it.
  // False when the document is done (or the text is not valid JSON).
  bool Advance(bool container_opened, std::string* pointer) {
    bool first_in_container = container_opened;
    while (!stack_.empty()) {
      Frame& frame = stack_.back();
      SkipSpace();
      if (AtEnd()) return false;
      if (text_[pos_] == (frame.is_object ? '}' : ']')) {
        ++pos_;
        stack_.pop_back();
        first_in_container = false;
        continue;
      }
      if (!first_in_container) {
        if (text_[pos_] != ',') return false;
        ++pos_;
        SkipSpace();
      }
      if (frame.is_object) {
        if (AtEnd() || text_[pos_] != '"') return false;
        size_t key_offset = pos_;
        std::string key = ReadString();
        SkipSpace();
        if (AtEnd() || text_[pos_] != ':') return false;
        ++pos_;
        *pointer = frame.pointer + "/" + EscapePointerToken(key);
        if (!frame.keys.insert(std::move(key)).second) {
          result_.duplicate_keys.emplace_back(*pointer, cursor_.At(key_offset));
        }
      } else {
        *pointer = frame.pointer + "/" + std::to_string(frame.count);
      }
      ++frame.count;
      return true;
    }
    return false;
  }

  std::string_view text_;
  PositionCursor cursor_;
  size_t pos_;
  std::vector<Frame> stack_;
  JsonPositions result_;
};

}  // namespace

TextPosition PositionOfOffset(std::string_view text, size_t offset) {
  return PositionCursor(text).At(offset);
}

JsonPositions ScanJsonPositions(std::string_view text) { return Scanner(text).Run(); }

std::string EscapePointerToken(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

}  // namespace alongside::rules
