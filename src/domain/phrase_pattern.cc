#include "domain/phrase_pattern.h"

#include <array>
#include <cstdint>

namespace alongside::domain::phrase {
namespace {

// One character of the passage: a code point and where its bytes are. A byte
// that does not start well-formed UTF-8 is a character of its own, `valid`
// false, which never belongs to a word.
struct Char {
  char32_t cp = 0;
  size_t start = 0;
  size_t size = 1;
  bool valid = false;
};

// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
Char DecodeAt(std::string_view text, size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return Char{lead, pos, 1, true};
  size_t size = 0;
  char32_t cp = 0;
  char32_t least = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2, cp = lead & 0x1F, least = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3, cp = lead & 0x0F, least = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4, cp = lead & 0x07, least = 0x10000;
  } else {
    return Char{0, pos, 1, false};
  }
  if (text.size() - pos < size) return Char{0, pos, 1, false};
  for (size_t byte_idx = 1; byte_idx < size; ++byte_idx) {
    const auto next = static_cast<unsigned char>(text[pos + byte_idx]);
    if ((next & 0xC0) != 0x80) return Char{0, pos, 1, false};
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Char{0, pos, 1, false};
  return Char{cp, pos, size, true};
}

std::vector<Char> Decode(std::string_view text) {
  std::vector<Char> chars;
  chars.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    chars.push_back(DecodeAt(text, pos));
    pos += chars.back().size;
  }
  return chars;
}

bool IsApostrophe(const Char& c) {
  return c.valid && (c.cp == U'\'' || c.cp == U'\u2019' || c.cp == U'\u02BC');
}

// Letters and digits. Without Unicode tables, every non-ASCII code point is
// taken as a letter except the blocks of punctuation, symbols and emoji.
bool IsWordChar(const Char& c) {
  if (!c.valid || IsApostrophe(c)) return false;
  const char32_t cp = c.cp;
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation, no-break space
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;    // punctuation, symbols, arrows, dingbats
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;    // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;    // CJK punctuation
  if (cp >= 0xFE10 && cp <= 0xFE6F) return false;    // vertical and small forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;    // full-width punctuation
  if (cp == 0xFEFF) return false;                    // byte-order mark
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

bool IsSpace(const Char& c) {
  return c.valid && (c.cp == U' ' || c.cp == U'\t' || c.cp == U'\n' || c.cp == U'\r' ||
                     c.cp == U'\f' || c.cp == U'\v' || c.cp == 0xA0 ||
                     (c.cp >= 0x2000 && c.cp <= 0x200B) || c.cp == 0x202F || c.cp == 0x3000);
}

bool IsLineBreak(const Char& c) {
  return c.valid && (c.cp == U'\n' || c.cp == U'\r' || c.cp == 0x2028 || c.cp == 0x2029);
}

bool IsWordAt(const std::vector<Char>& chars, size_t idx) {
  return idx < chars.size() && IsWordChar(chars[idx]);
}

// Double quotation marks. A straight " opens or closes; “ „ « ‟ open; ” and
// » close (a ” typed as an opener, after a space and before a word, opens).
bool IsDoubleQuote(char32_t cp) {
  return cp == U'"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0xAB ||
         cp == 0xBB;
}

bool OpensDouble(const std::vector<Char>& chars, size_t idx) {
  const char32_t cp = chars[idx].cp;
  if (!chars[idx].valid || !IsDoubleQuote(cp) || cp == 0xBB) return false;
  if (cp != 0x201D) return true;
  return (idx == 0 || IsSpace(chars[idx - 1])) && IsWordAt(chars, idx + 1);
}

bool ClosesDouble(const Char& c) {
  return c.valid && IsDoubleQuote(c.cp) && c.cp != 0xAB && c.cp != 0x201E;
}

// Words written after an apostrophe that stands for letters left out
// ('em, 'cause): the apostrophe does not open a quotation.
bool IsElision(std::string_view word) {
  static constexpr std::array<std::string_view, 10> kElisions = {
      "em", "cause", "cos", "cuz", "til", "till", "tis", "twas", "bout", "n"};
  for (std::string_view elision : kElisions) {
    if (word == elision) return true;
  }
  return false;
}

// The ASCII-folded word that starts at chars[idx].
std::string WordFrom(const std::vector<Char>& chars, size_t idx) {
  std::string word;
  for (; IsWordAt(chars, idx) && word.size() < 8; ++idx) {
    const char32_t cp = chars[idx].cp;
    word.push_back(cp < 0x80 ? static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : '?');
  }
  return word;
}

// ' or ‘ (‛) opening a quotation: not inside a word, before a word that is
// neither a number ('90s) nor an elision ('em).
bool OpensSingle(const std::vector<Char>& chars, size_t idx) {
  const Char& c = chars[idx];
  if (!c.valid || (c.cp != U'\'' && c.cp != 0x2018 && c.cp != 0x201B)) return false;
  if (idx > 0 && (IsWordChar(chars[idx - 1]) || IsApostrophe(chars[idx - 1]))) return false;
  if (!IsWordAt(chars, idx + 1)) return false;
  const char32_t next = chars[idx + 1].cp;
  if (next >= '0' && next <= '9') return false;
  std::string word = WordFrom(chars, idx + 1);
  return !(IsElision(word) && !IsWordAt(chars, idx + 1 + word.size()));
}

// ' or ’ that can close a single quotation: after something that is not a
// space, before something that is not a letter (so not "don't").
bool CanCloseSingle(const std::vector<Char>& chars, size_t idx) {
  const Char& c = chars[idx];
  if (!c.valid || (c.cp != U'\'' && c.cp != 0x2019)) return false;
  if (idx == 0 || IsSpace(chars[idx - 1])) return false;
  return !IsWordAt(chars, idx + 1);
}

// "the peers' group": an apostrophe after s and before another word is more
// likely a plural possessive than the end of the quotation.
bool LooksPossessive(const std::vector<Char>& chars, size_t idx) {
  const char32_t before = chars[idx - 1].cp;
  if (before != U's' && before != U'S') return false;
  size_t next = idx + 1;
  while (next < chars.size() && IsSpace(chars[next]) && !IsLineBreak(chars[next])) ++next;
  return IsWordAt(chars, next) && next > idx + 1;
}

// For each character, whether it lies inside a quotation. A double quote
// runs to its closing mark, or to the end of its paragraph when it has none.
// A single quote runs to the first mark after it in its paragraph that can
// close it and does not look like a plural possessive, else to the first
// that can close it; with none, it was an apostrophe ('em) and quotes
// nothing. Linear: the next closing marks are found from the right first.
std::vector<bool> FindQuotations(const std::vector<Char>& chars) {
  const size_t count = chars.size();
  // For each index, the first line break, single closing mark, and single
  // closing mark that does not look possessive, at or after it.
  std::vector<size_t> next_break(count + 1, count), next_close(count + 1, count),
      next_plain_close(count + 1, count);
  for (size_t idx = count; idx-- > 0;) {
    next_break[idx] = IsLineBreak(chars[idx]) ? idx : next_break[idx + 1];
    const bool closes = CanCloseSingle(chars, idx);
    next_close[idx] = closes ? idx : next_close[idx + 1];
    next_plain_close[idx] =
        closes && !LooksPossessive(chars, idx) ? idx : next_plain_close[idx + 1];
  }
  std::vector<bool> quoted(count, false);
  for (size_t idx = 0; idx < count;) {
    size_t end = idx;
    if (OpensDouble(chars, idx)) {
      end = next_break[idx + 1];
      for (size_t inside = idx + 1; inside < end; ++inside) {
        if (ClosesDouble(chars[inside])) {
          end = inside;
          break;
        }
      }
    } else if (OpensSingle(chars, idx)) {
      const size_t paragraph_end = next_break[idx + 1];
      end = next_plain_close[idx + 1] < paragraph_end ? next_plain_close[idx + 1]
                                                      : next_close[idx + 1];
      if (end >= paragraph_end) end = idx;
    }
    if (end == idx) {
      ++idx;
      continue;
    }
    for (size_t inside = idx + 1; inside < end; ++inside) quoted[inside] = true;
    idx = end + 1;
  }
  return quoted;
}

// A sentence ends at ! ? ; or a line break, and at a full stop that is not
// followed by a letter or digit (so not inside "14.5" or "e.g").
bool EndsSentence(const std::vector<Char>& chars, size_t idx) {
  const Char& c = chars[idx];
  if (!c.valid) return false;
  if (c.cp == U'!' || c.cp == U'?' || c.cp == U';' || IsLineBreak(c)) return true;
  return c.cp == U'.' && !IsWordAt(chars, idx + 1);
}

void AppendFolded(const Char& c, std::string_view text, std::string& folded) {
  if (c.cp < 0x80) {
    const char32_t cp = c.cp;
    folded.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
  } else {
    folded.append(text.substr(c.start, c.size));
  }
}

Status PatternError(size_t word_idx, std::string_view word, std::string_view what) {
  return Status::InvalidArgument("", "word " + std::to_string(word_idx) + " (\"" +
                                         std::string(word) + "\") " + std::string(what));
}

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  for (char byte : text) count += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return count;
}

// One alternative of a pattern word: "#", a word, or a stem "word*".
Result<PatternWord> ParseAlternative(std::string_view alternative, size_t word_idx,
                                     std::string_view item) {
  PatternWord word;
  if (alternative == "#") {
    word.number = true;
    return word;
  }
  if (alternative == "@") {
    word.name = true;
    return word;
  }
  if (alternative.empty()) return PatternError(word_idx, item, "has an empty alternative");
  if (alternative.back() == '*') {
    word.stem = true;
    alternative.remove_suffix(1);
  }
  if (alternative.size() > kMaxWordBytes) {
    return PatternError(word_idx, item,
                        "is longer than " + std::to_string(kMaxWordBytes) + " bytes");
  }
  if (alternative.find_first_of("*?#@^") != std::string_view::npos) {
    return PatternError(word_idx, item,
                        "may use * and ? only at the end of a word, and #, @ and ^ only on "
                        "their own");
  }
  const std::vector<Token> tokens = Tokenize(alternative);
  if (tokens.size() != 1 || tokens[0].start != 0 || tokens[0].end != alternative.size()) {
    return PatternError(word_idx, item,
                        "must be letters and digits (an apostrophe only inside a word)");
  }
  word.text = tokens[0].folded;
  if (word.stem && CharacterCount(word.text) < kMinStemCharacters) {
    return PatternError(
        word_idx, item,
        "needs at least " + std::to_string(kMinStemCharacters) + " letters before *");
  }
  return word;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  const std::vector<Char> chars = Decode(text);
  const std::vector<bool> quoted = FindQuotations(chars);
  std::vector<Token> tokens;
  bool boundary = false;
  for (size_t idx = 0; idx < chars.size();) {
    if (!IsWordChar(chars[idx])) {
      boundary = boundary || EndsSentence(chars, idx);
      ++idx;
      continue;
    }
    Token token;
    token.start = chars[idx].start;
    token.quoted = quoted[idx];
    token.boundary_before = boundary && !tokens.empty();
    token.sentence_start = boundary || tokens.empty();
    const bool capital = chars[idx].cp >= U'A' && chars[idx].cp <= U'Z';
    size_t last = idx;
    for (; idx < chars.size(); ++idx) {
      if (IsWordChar(chars[idx])) {
        AppendFolded(chars[idx], text, token.folded);
      } else if (IsApostrophe(chars[idx]) && IsWordAt(chars, idx + 1)) {
        token.folded.push_back('\'');
      } else {
        break;
      }
      last = idx;
    }
    token.end = chars[last].start + chars[last].size;
    token.number = token.folded.find_first_not_of("0123456789") == std::string::npos;
    token.name = capital && token.folded != "i" && token.folded.rfind("i'", 0) != 0;
    boundary = false;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

Result<PhrasePattern> ParsePattern(std::string_view text) {
  // Items are separated by spaces; a hyphen inside an item splits it too.
  std::vector<std::string_view> items;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    if (end == pos) break;
    std::string_view chunk = text.substr(pos, end - pos);
    if (chunk.find('-') != std::string_view::npos) {
      if (chunk.find('/') != std::string_view::npos) {
        return PatternError(items.size() + 1, chunk,
                            "joins alternatives and a hyphen: a hyphen separates words, so "
                            "write the hyphenated phrase as a pattern of its own");
      }
      size_t part_start = 0;
      while (true) {
        size_t hyphen = chunk.find('-', part_start);
        std::string_view part =
            chunk.substr(part_start, hyphen == std::string_view::npos ? std::string_view::npos
                                                                      : hyphen - part_start);
        if (part.empty()) return PatternError(items.size() + 1, chunk, "has an empty word");
        items.push_back(part);
        if (hyphen == std::string_view::npos) break;
        part_start = hyphen + 1;
      }
    } else {
      items.push_back(chunk);
    }
    pos = end;
  }
  if (items.empty()) return Status::InvalidArgument("", "has no words");
  if (items.size() > kMaxPatternWords) {
    return Status::InvalidArgument("", "has " + std::to_string(items.size()) + " words; at most " +
                                           std::to_string(kMaxPatternWords) + " are allowed");
  }

  PhrasePattern pattern;
  for (size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
    std::string_view item = items[item_idx];
    const size_t word_idx = item_idx + 1;
    PatternItem parsed;
    if (item.size() > 1 && item.back() == '?') {
      parsed.optional = true;
      item.remove_suffix(1);
    }
    if (parsed.optional && item_idx == 0) {
      return PatternError(word_idx, items[item_idx],
                          "cannot be optional: a pattern starts with a "
                          "word that must be there");
    }
    size_t alt_start = 0;
    while (true) {
      size_t slash = item.find('/', alt_start);
      std::string_view alternative = item.substr(
          alt_start, slash == std::string_view::npos ? std::string_view::npos : slash - alt_start);
      if (alternative == "^") {
        if (item_idx != 0) {
          return PatternError(word_idx, items[item_idx],
                              "uses ^, which may only be among the first word's alternatives");
        }
        parsed.sentence_start = true;
      } else {
        ALONGSIDE_ASSIGN_OR_RETURN(PatternWord word,
                                   ParseAlternative(alternative, word_idx, items[item_idx]));
        parsed.alternatives.push_back(std::move(word));
      }
      if (parsed.alternatives.size() > kMaxAlternatives) {
        return PatternError(word_idx, items[item_idx],
                            "has more than " + std::to_string(kMaxAlternatives) + " alternatives");
      }
      if (slash == std::string_view::npos) break;
      alt_start = slash + 1;
    }
    pattern.items.push_back(std::move(parsed));
  }
  // A match always consumes a word: the one after a skipped ^ must be there.
  if (pattern.items[0].sentence_start) {
    if (pattern.items.size() < 2) {
      return Status::InvalidArgument("", "has ^ and no word after it");
    }
    if (pattern.items[1].optional) {
      return PatternError(2, items[1],
                          "cannot be optional: it follows a first word that ^ may skip");
    }
  }
  return pattern;
}

bool WordMatches(const PatternWord& word, const Token& token) {
  if (word.number) return token.number;
  if (word.name) return token.name;
  auto matches = [&word](std::string_view folded) {
    return word.stem ? folded.substr(0, word.text.size()) == word.text : folded == word.text;
  };
  if (matches(token.folded)) return true;
  std::string_view folded = token.folded;
  return folded.size() > 2 && folded.substr(folded.size() - 2) == "'s" &&
         matches(folded.substr(0, folded.size() - 2));
}

size_t LongestMatchAt(const PhrasePattern& pattern, const std::vector<Token>& tokens,
                      size_t start) {
  // A set of pattern positions (bit k: item k is next; bit n: matched), as in
  // a Thompson NFA: every token is read once, whatever the optional items.
  const size_t item_count = pattern.items.size();
  auto close_over_optional = [&pattern, item_count](std::uint32_t states) {
    for (size_t item_idx = 0; item_idx < item_count; ++item_idx) {
      if ((states >> item_idx & 1u) && pattern.items[item_idx].optional) {
        states |= 1u << (item_idx + 1);
      }
    }
    return states;
  };
  const std::uint32_t matched = 1u << item_count;
  if (start >= tokens.size()) return start;
  std::uint32_t states = 1u;
  if (pattern.items[0].sentence_start && tokens[start].sentence_start) states |= 2u;
  states = close_over_optional(states);
  size_t longest = start;
  for (size_t token_idx = start; token_idx < tokens.size() && states != 0; ++token_idx) {
    if (token_idx > start && tokens[token_idx].boundary_before) break;
    std::uint32_t next = 0;
    for (size_t item_idx = 0; item_idx < item_count; ++item_idx) {
      if (!(states >> item_idx & 1u)) continue;
      for (const PatternWord& word : pattern.items[item_idx].alternatives) {
        if (WordMatches(word, tokens[token_idx])) {
          next |= 1u << (item_idx + 1);
          break;
        }
      }
    }
    next = close_over_optional(next);
    if (next & matched) longest = token_idx + 1;
    states = next & ~matched;
  }
  return longest;
}

}  // namespace alongside::domain::phrase
