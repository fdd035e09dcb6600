// The billable-note completeness check over any note text:
// domain::CheckBillableNote with the built-in rules
// (src/rules/data/note_completeness.json), which reads the note as words,
// finds the labels at the start of lines and sentences, and tries every cue.
// The input is the note; the rest of the record is complete.
// Invariants: the parts named missing are narrative parts only (the note
// changes nothing else), each once, in kNotePartCodes order, each with the
// rules' message; checking the same record twice gives the same result;
// a labelled "Purpose: ..." line put before a note within the limit always
// covers the purpose; a note past the limit reads the same with more text
// after it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/activity_catalog.h"
#include "domain/note_completeness.h"
#include "fuzz_check.h"

namespace {

using namespace alongside;
using namespace alongside::domain;

ContactVersion CompleteRecord(std::string_view note) {
  ContactVersion version;
  version.start = 1793718000;  // 2026-11-03T15:00:00Z
  version.end = version.start + 3600;
  version.activities = {"accompaniment"};
  version.note = std::string(note);
  return version;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view note(reinterpret_cast<const char*>(data), size);
  const NoteCompletenessRules& rules = NoteCompletenessRules::Current();
  Staff worker;
  worker.id = 7;
  worker.display_name = "Dana Reyes";
  const std::vector<Certification> certifications = {
      {1, 7, "Certified Peer Specialist", 20000, 21000}};
  const TimeZone zone = TimeZone::Utc();
  const ContactVersion version = CompleteRecord(note);
  const NoteCompleteness result =
      CheckBillableNote(version, worker, certifications, zone, ActivityCatalog::Default(), rules);

  std::size_t previous = 0;
  bool first = true;
  for (const MissingPart& part : result.missing) {
    const auto found = std::find(kNotePartCodes.begin(), kNotePartCodes.end(), part.code);
    ALONGSIDE_FUZZ_CHECK(found != kNotePartCodes.end());
    const auto index = static_cast<std::size_t>(found - kNotePartCodes.begin());
    ALONGSIDE_FUZZ_CHECK(part.code.rfind("narrative_", 0) == 0);
    ALONGSIDE_FUZZ_CHECK(first || index > previous);
    ALONGSIDE_FUZZ_CHECK(!part.message.empty() && part.message == rules.Message(part.code));
    previous = index;
    first = false;
  }
  const NoteCompleteness again =
      CheckBillableNote(version, worker, certifications, zone, ActivityCatalog::Default(), rules);
  ALONGSIDE_FUZZ_CHECK(again.missing == result.missing);

  const std::string labelled = "Purpose: x\n" + std::string(note);
  if (labelled.size() <= kMaxCheckedNoteBytes) {
    ALONGSIDE_FUZZ_CHECK(rules.NarrativeCovers(labelled)[0]);
  }
  if (note.size() > kMaxCheckedNoteBytes) {
    ALONGSIDE_FUZZ_CHECK(rules.NarrativeCovers(std::string(note) + " we will") ==
                         rules.NarrativeCovers(note));
  }
  return 0;
}
