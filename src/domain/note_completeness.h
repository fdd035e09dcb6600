// The billable-note completeness check: does a contact's record hold what a
// claim for the service needs (the day, start and end time, setting,
// service, the worker's name and current credential, and a narrative
// covering the purpose, what was done, the person's response and the next
// step)? Each part that is missing is named with a stable code and a plain
// sentence saying how to add it (docs/billing-notes.md).
//
// It checks that parts are there, never how good they are, and it never
// refuses anything: a note that is not complete still saves and finalises.
// The billing export decides what to do with an incomplete note.
//
// The narrative is free text, so it is recognised by words (a proxy): each
// of its four parts counts when a line or sentence starts with one of the
// part's labels and a colon, with words after it ("Purpose: to practise the
// call"), or when one of the part's cues appears anywhere in the note ("so
// that", "we practised", "she said", "we will"). Labels and cues are data
// (src/rules/data/note_completeness.json, compiled into the binary; a
// program may give its own copy, see docs/data-files.md), written in the
// language review's phrase patterns (domain/phrase_pattern.h: case- and
// punctuation-insensitive, whole words, never across a sentence end) and
// checked when the file loads. A NoteCompletenessRules is immutable after
// loading and safe to use from any number of threads; the check is pure.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/local_time.h"
#include "common/status.h"
#include "domain/activity_catalog.h"
#include "domain/model.h"
#include "domain/phrase_pattern.h"

namespace alongside::domain {

// Every part the check may name, in the order it names them. Stable: the
// billing export and the pages key on them.
//   date                 the day of the contact (its start is recorded)
//   start_time           the time it started (its start is recorded)
//   end_time             the time it ended, after it started
//   setting              where it took place, one of the contact settings
//   service              at least one peer-scope activity of the catalog
//   worker_name          the worker's name on their staff record
//   worker_credential    a certification of the worker current on the
//                        contact's day
//   narrative_purpose    why the contact happened
//   narrative_done       what was done
//   narrative_response   how the person responded
//   narrative_next_step  what comes next
inline constexpr std::array<std::string_view, 11> kNotePartCodes = {
    "date",
    "start_time",
    "end_time",
    "setting",
    "service",
    "worker_name",
    "worker_credential",
    "narrative_purpose",
    "narrative_done",
    "narrative_response",
    "narrative_next_step",
};

// The four parts of the narrative, in kNotePartCodes order. Their keys in
// note_completeness.json are the codes without "narrative_": purpose, done,
// response, next_step.
enum class NarrativePart { kPurpose, kDone, kResponse, kNextStep };
inline constexpr size_t kNarrativePartCount = 4;

// The check reads at most this many bytes of a note (the most a stored note
// holds, domain::kMaxTextLength); words past it are not read.
inline constexpr size_t kMaxCheckedNoteBytes = 20000;

struct MissingPart {
  std::string code;     // one of kNotePartCodes
  std::string message;  // the rules file's sentence for the code

  bool operator==(const MissingPart&) const = default;
};

struct NoteCompleteness {
  // The parts missing, each once, in kNotePartCodes order; empty when the
  // note is complete.
  std::vector<MissingPart> missing;

  bool complete() const { return missing.empty(); }
  // Whether the part with this code is missing.
  bool Missing(std::string_view code) const;
};

// The result as JSON, the one shape the API and any export give:
// {"complete": bool, "missing": [{"part": code, "message": text}]}, in this
// key order.
nlohmann::ordered_json CompletenessJson(const NoteCompleteness& completeness);

class NoteCompletenessRules {
 public:
  // Parses the rules file read from `file_name`; InvalidArgument with
  // field() "<file_name>:<line>:<column>" and detail() naming the value at
  // fault ("narrative.purpose.cues[3] word 1 (\"ad*\") needs at least 3
  // letters before *"). The schema is closed (docs/data-files.md,
  // note_completeness.json): each narrative part has 1 to 32 labels and 1
  // to 500 cues, every pattern parses, and every code of kNotePartCodes has
  // a message.
  static Result<NoteCompletenessRules> FromJson(std::string_view json_text,
                                                std::string file_name = "note_completeness.json");
  // The rules in force: the ones installed by InstallCurrent (a program's
  // own, from rules::Install), else the built-in ones (aborts on first use
  // if the built-in file is invalid: a build defect).
  static const NoteCompletenessRules& Current();
  // Makes `rules` the one Current() returns; it must outlive every later
  // call (rules::Install keeps it for the life of the process). Thread-safe.
  static void InstallCurrent(const NoteCompletenessRules* rules);

  // The sentence for a code of kNotePartCodes; empty for any other code.
  const std::string& Message(std::string_view code) const;
  // Whether the person's own words on the contact (ContactVersion::
  // person_words), when they hold a word, count as their response.
  bool person_words_count_as_response() const { return person_words_count_as_response_; }

  // Which narrative parts `note` covers, indexed by NarrativePart. Reads at
  // most kMaxCheckedNoteBytes bytes; safe on any bytes; time linear in the
  // note's length (each word is tried only against the labels and cues
  // that can start with it).
  std::array<bool, kNarrativePartCount> NarrativeCovers(std::string_view note) const;

 private:
  struct PatternRef {
    std::uint8_t part = 0;      // a NarrativePart
    std::uint32_t pattern = 0;  // index into that part's labels or cues
  };
  // The patterns that may start at a word: by its folded text, and those
  // whose first word is a stem or a number, tried at every word.
  struct PatternIndex {
    std::unordered_map<std::string, std::vector<PatternRef>> by_word;
    std::vector<PatternRef> anywhere;

    void Add(PatternRef ref, const phrase::PhrasePattern& pattern);
    void CandidatesAt(const phrase::Token& token, std::vector<PatternRef>& out) const;
  };
  struct Part {
    std::vector<phrase::PhrasePattern> labels;
    std::vector<phrase::PhrasePattern> cues;
  };

  std::array<Part, kNarrativePartCount> parts_;
  PatternIndex label_index_;
  PatternIndex cue_index_;
  bool person_words_count_as_response_ = true;
  std::unordered_map<std::string, std::string> messages_;
};

// The completeness of `version` as a billable note by `worker`, the staff
// member who gave the service (usually the contact's worker):
//   date, start_time: missing when the version has no start (0);
//   end_time: missing when it has no end (0) or, with a start, ends at or
//     before it;
//   setting: missing when it is not one of kAllContactSettings;
//   service: missing unless an activity it records is in `catalog` with
//     scope peer (a clinical-only activity recorded by a peer worker is
//     role drift, not a billable peer service);
//   worker_name: missing when worker.display_name is blank;
//   worker_credential: missing unless one of `certifications` with
//     staff_id == worker.id and a name is current on the contact's day in
//     the program's time zone `zone` (issued_on <= day <= expires_on: a
//     certification is good through the day it expires); with no start
//     recorded, any such certification counts (the date is named missing);
//   narrative_*: missing when rules.NarrativeCovers(version.note) does not
//     cover the part; narrative_response is also covered by person_words
//     holding a word when rules.person_words_count_as_response().
// Each missing part carries rules.Message(code). Pure.
NoteCompleteness CheckBillableNote(const ContactVersion& version, const Staff& worker,
                                   const std::vector<Certification>& certifications,
                                   const TimeZone& zone, const ActivityCatalog& catalog,
                                   const NoteCompletenessRules& rules);

}  // namespace alongside::domain
