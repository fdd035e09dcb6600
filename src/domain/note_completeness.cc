#include "domain/note_completeness.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using phrase::PhrasePattern;
using phrase::Token;
using rules::DataFile;

// Bounds that keep a program's file from making the check slow.
constexpr size_t kMaxLabels = 32;
constexpr size_t kMaxCues = 500;

// The keys of the narrative parts in the file, in NarrativePart order.
constexpr std::array<std::string_view, kNarrativePartCount> kPartKeys = {"purpose", "done",
                                                                         "response", "next_step"};
// The place of `code` in kNotePartCodes.
constexpr size_t CodeIndex(std::string_view code) {
  size_t code_idx = 0;
  while (code_idx < kNotePartCodes.size() && kNotePartCodes[code_idx] != code) ++code_idx;
  return code_idx;
}
// The narrative parts close kNotePartCodes, in NarrativePart order.
constexpr size_t kFirstNarrativeCode = CodeIndex("narrative_purpose");
static_assert(kNotePartCodes.size() == kFirstNarrativeCode + kNarrativePartCount &&
              CodeIndex("narrative_next_step") ==
                  kFirstNarrativeCode + static_cast<size_t>(NarrativePart::kNextStep));

// The patterns listed at `pointer`: 1 to `most` of them, each parsed, its
// errors placed at its value. Words, /, *, ? and # only: a pattern that may
// start elsewhere than at its first word (^) or at any capitalised word (@)
// would escape the first-word index that keeps the check linear.
Result<std::vector<PhrasePattern>> ReadPatternList(const DataFile& file, const std::string& pointer,
                                                   size_t most) {
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array(pointer));
  if (entries->empty() || entries->size() > most) {
    return file.Error(pointer, "must list from 1 to " + std::to_string(most) + " patterns");
  }
  std::vector<PhrasePattern> patterns;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const std::string entry = DataFile::Child(pointer, entry_idx);
    ALONGSIDE_ASSIGN_OR_RETURN(std::string text, file.String(entry));
    if (text.find_first_of("@^") != std::string::npos) {
      return file.Error(entry, "may use words, /, *, ? and # only (not @ or ^)");
    }
    Result<PhrasePattern> pattern = phrase::ParsePattern(text);
    if (!pattern.ok()) return file.Error(entry, pattern.status().detail());
    patterns.push_back(std::move(pattern).value());
  }
  return patterns;
}

// The prefix of `note` the check reads: at most kMaxCheckedNoteBytes, cut
// back to the start of a character.
std::string_view CheckedPrefix(std::string_view note) {
  if (note.size() <= kMaxCheckedNoteBytes) return note;
  size_t cut = kMaxCheckedNoteBytes;
  while (cut > 0 && (static_cast<unsigned char>(note[cut]) & 0xC0) == 0x80) --cut;
  return note.substr(0, cut);
}

// Whether a colon follows text[from] after spaces or tabs only.
bool ColonFollows(std::string_view text, size_t from) {
  while (from < text.size() && (text[from] == ' ' || text[from] == '\t')) ++from;
  return from < text.size() && text[from] == ':';
}

// A label found in a note: the part it names and its words, tokens
// [start, end), followed by a colon.
struct FoundLabel {
  size_t part = 0;
  size_t start = 0;
  size_t end = 0;
};

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

std::atomic<const NoteCompletenessRules*> installed_rules{nullptr};

}  // namespace

bool NoteCompleteness::Missing(std::string_view code) const {
  return std::any_of(missing.begin(), missing.end(),
                     [code](const MissingPart& part) { return part.code == code; });
}

nlohmann::ordered_json CompletenessJson(const NoteCompleteness& completeness) {
  nlohmann::ordered_json missing = nlohmann::ordered_json::array();
  for (const MissingPart& part : completeness.missing) {
    missing.push_back({{"part", part.code}, {"message", part.message}});
  }
  return {{"complete", completeness.complete()}, {"missing", std::move(missing)}};
}

void NoteCompletenessRules::PatternIndex::Add(PatternRef ref, const PhrasePattern& pattern) {
  bool anywhere_added = false;
  for (const phrase::PatternWord& word : pattern.items[0].alternatives) {
    if (word.stem || word.number || word.text.empty()) {
      if (!anywhere_added) anywhere.push_back(ref);
      anywhere_added = true;
      continue;
    }
    std::vector<PatternRef>& listed = by_word[word.text];
    const bool already =
        !listed.empty() && listed.back().part == ref.part && listed.back().pattern == ref.pattern;
    if (!already) listed.push_back(ref);
  }
}

void NoteCompletenessRules::PatternIndex::CandidatesAt(const Token& token,
                                                       std::vector<PatternRef>& out) const {
  out.assign(anywhere.begin(), anywhere.end());
  // A possessive matches as the word without it (phrase::WordMatches).
  std::string_view folded = token.folded;
  for (int form = 0; form < 2; ++form) {
    auto found = by_word.find(std::string(folded));
    if (found != by_word.end()) out.insert(out.end(), found->second.begin(), found->second.end());
    if (folded.size() <= 2 || folded.substr(folded.size() - 2) != "'s") break;
    folded.remove_suffix(2);
  }
}

Result<NoteCompletenessRules> NoteCompletenessRules::FromJson(std::string_view json_text,
                                                              std::string file_name) {
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "", {"version", "description", "narrative", "person_words_count_as_response", "messages"}));
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/description").status());
  }

  NoteCompletenessRules rules;
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "/narrative", std::vector<std::string_view>(kPartKeys.begin(), kPartKeys.end())));
  for (size_t part_idx = 0; part_idx < kNarrativePartCount; ++part_idx) {
    const std::string pointer = DataFile::Child("/narrative", kPartKeys[part_idx]);
    ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(pointer, {"labels", "cues"}));
    Part& part = rules.parts_[part_idx];
    ALONGSIDE_ASSIGN_OR_RETURN(part.labels, ReadPatternList(file, pointer + "/labels", kMaxLabels));
    ALONGSIDE_ASSIGN_OR_RETURN(part.cues, ReadPatternList(file, pointer + "/cues", kMaxCues));
    for (size_t label_idx = 0; label_idx < part.labels.size(); ++label_idx) {
      rules.label_index_.Add(
          {static_cast<std::uint8_t>(part_idx), static_cast<std::uint32_t>(label_idx)},
          part.labels[label_idx]);
    }
    for (size_t cue_idx = 0; cue_idx < part.cues.size(); ++cue_idx) {
      rules.cue_index_.Add(
          {static_cast<std::uint8_t>(part_idx), static_cast<std::uint32_t>(cue_idx)},
          part.cues[cue_idx]);
    }
  }

  const nlohmann::json* counts = file.Find("/person_words_count_as_response");
  if (counts == nullptr) return file.Error("/person_words_count_as_response", "is missing");
  if (!counts->is_boolean()) {
    return file.Error("/person_words_count_as_response", "must be true or false");
  }
  rules.person_words_count_as_response_ = counts->get<bool>();

  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "/messages", std::vector<std::string_view>(kNotePartCodes.begin(), kNotePartCodes.end())));
  for (std::string_view code : kNotePartCodes) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::string text, file.String(DataFile::Child("/messages", code)));
    rules.messages_.emplace(std::string(code), std::move(text));
  }
  return rules;
}

void NoteCompletenessRules::InstallCurrent(const NoteCompletenessRules* rules) {
  installed_rules.store(rules, std::memory_order_release);
}

const NoteCompletenessRules& NoteCompletenessRules::Current() {
  if (const NoteCompletenessRules* installed = installed_rules.load(std::memory_order_acquire)) {
    return *installed;
  }
  static const NoteCompletenessRules* const builtin = new NoteCompletenessRules(
      rules::ParseBuiltinOrAbort("note_completeness.json", "note completeness rules", &FromJson));
  return *builtin;
}

const std::string& NoteCompletenessRules::Message(std::string_view code) const {
  static const std::string* const kNone = new std::string();
  auto found = messages_.find(std::string(code));
  return found == messages_.end() ? *kNone : found->second;
}

std::array<bool, kNarrativePartCount> NoteCompletenessRules::NarrativeCovers(
    std::string_view note) const {
  std::array<bool, kNarrativePartCount> covered{};
  const std::string_view text = CheckedPrefix(note);
  std::vector<Token> tokens = phrase::Tokenize(text);
  // A word running into the cut may be the start of a longer one.
  if (text.size() < note.size() && !tokens.empty() && tokens.back().end == text.size()) {
    tokens.pop_back();
  }

  // Labels: at the start of the note, a line or a sentence, followed by a
  // colon. The longest label found at a place is kept.
  std::vector<FoundLabel> labels;
  std::vector<PatternRef> candidates;
  for (size_t token_idx = 0; token_idx < tokens.size(); ++token_idx) {
    if (token_idx > 0 && !tokens[token_idx].boundary_before) continue;
    label_index_.CandidatesAt(tokens[token_idx], candidates);
    FoundLabel longest;
    for (const PatternRef& ref : candidates) {
      const PhrasePattern& label = parts_[ref.part].labels[ref.pattern];
      const size_t end = phrase::LongestMatchAt(label, tokens, token_idx);
      if (end > longest.end && ColonFollows(text, tokens[end - 1].end)) {
        longest = FoundLabel{ref.part, token_idx, end};
      }
    }
    if (longest.end > token_idx) {
      labels.push_back(longest);
      token_idx = longest.end - 1;
    }
  }
  // A label counts when words follow it before the next label: a template's
  // empty "Purpose:" says nothing.
  for (size_t label_idx = 0; label_idx < labels.size(); ++label_idx) {
    const size_t next_start =
        label_idx + 1 < labels.size() ? labels[label_idx + 1].start : tokens.size();
    if (labels[label_idx].end < next_start) covered[labels[label_idx].part] = true;
  }

  // Cues: anywhere but in the labels' own words ("Next step:" is not a next
  // step), with the colon after a label read as the end of a sentence.
  std::vector<Token> words;
  words.reserve(tokens.size());
  size_t label_idx = 0;
  for (size_t token_idx = 0; token_idx < tokens.size(); ++token_idx) {
    if (label_idx < labels.size() && token_idx >= labels[label_idx].start) {
      token_idx = labels[label_idx].end - 1;
      ++label_idx;
      if (token_idx + 1 < tokens.size()) tokens[token_idx + 1].boundary_before = true;
      continue;
    }
    words.push_back(std::move(tokens[token_idx]));
  }
  auto all_covered = [&covered] {
    return std::all_of(covered.begin(), covered.end(), [](bool part) { return part; });
  };
  for (size_t word_idx = 0; word_idx < words.size() && !all_covered(); ++word_idx) {
    cue_index_.CandidatesAt(words[word_idx], candidates);
    for (const PatternRef& ref : candidates) {
      if (covered[ref.part]) continue;
      const PhrasePattern& cue = parts_[ref.part].cues[ref.pattern];
      if (phrase::LongestMatchAt(cue, words, word_idx) > word_idx) covered[ref.part] = true;
    }
  }
  return covered;
}

NoteCompleteness CheckBillableNote(const ContactVersion& version, const Staff& worker,
                                   const std::vector<Certification>& certifications,
                                   const TimeZone& zone, const ActivityCatalog& catalog,
                                   const NoteCompletenessRules& rules) {
  std::array<bool, kNotePartCodes.size()> present{};
  const bool has_start = version.start != 0;
  present[CodeIndex("date")] = has_start;
  present[CodeIndex("start_time")] = has_start;
  present[CodeIndex("end_time")] = version.end != 0 && (!has_start || version.end > version.start);
  present[CodeIndex("setting")] = std::find(kAllContactSettings.begin(), kAllContactSettings.end(),
                                            version.setting) != kAllContactSettings.end();
  present[CodeIndex("service")] = std::any_of(
      version.activities.begin(), version.activities.end(), [&catalog](const std::string& code) {
        const Activity* activity = catalog.Find(code);
        return activity != nullptr && activity->scope == ActivityScope::kPeer;
      });
  present[CodeIndex("worker_name")] = !IsBlank(worker.display_name);
  const Day contact_day = has_start ? zone.DayOf(version.start) : 0;
  present[CodeIndex("worker_credential")] = std::any_of(
      certifications.begin(), certifications.end(), [&](const Certification& certification) {
        if (certification.staff_id != worker.id) return false;
        if (IsBlank(certification.name)) return false;
        return !has_start ||
               (certification.issued_on <= contact_day && contact_day <= certification.expires_on);
      });
  const std::array<bool, kNarrativePartCount> covered = rules.NarrativeCovers(version.note);
  for (size_t part_idx = 0; part_idx < kNarrativePartCount; ++part_idx) {
    present[kFirstNarrativeCode + part_idx] = covered[part_idx];
  }
  if (rules.person_words_count_as_response() &&
      !phrase::Tokenize(CheckedPrefix(version.person_words)).empty()) {
    present[CodeIndex("narrative_response")] = true;
  }

  NoteCompleteness completeness;
  for (size_t code_idx = 0; code_idx < kNotePartCodes.size(); ++code_idx) {
    if (present[code_idx]) continue;
    const std::string_view code = kNotePartCodes[code_idx];
    completeness.missing.push_back({std::string(code), rules.Message(code)});
  }
  return completeness;
}

}  // namespace alongside::domain
