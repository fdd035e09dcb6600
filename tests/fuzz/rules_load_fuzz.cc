// A program's own data files: rules::Rules::Load over a directory that holds
// copies of the built-in files (src/rules/data/*.json, as compiled into the
// binary), one of which is replaced by the input. The input names the file
// on its first line ("practice.json\n{...}"); without such a line its first
// byte picks the file and the whole input is its text. This reaches what the
// in-memory target (data_file_fuzz) cannot: reading the directory and the
// checks of each file (practice thresholds, role groups, labels, catalog,
// language rules, note completeness rules).
// Invariants: rules that load keep every threshold within the range
// docs/data-files.md gives, name at least one peer-worker and one
// supervisor role, have a non-blank label for every code, language rules
// that each cite a source and review a passage into ordered flags, and
// completeness rules with a message for every part; a refusal is an
// InvalidArgument naming the place of the problem.
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "domain/vocabulary.h"
#include "fuzz_check.h"
#include "rules/data_file.h"
#include "rules/rules.h"

namespace alongside::fuzz {
namespace {

constexpr std::array<std::string_view, 6> kFileNames = {
    "practice.json", "roles.json",    "labels.json",
    "activities.json", "language.json", "note_completeness.json"};

void WriteFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  ALONGSIDE_FUZZ_CHECK(out.good());
}

// A directory of the built-in files, made once and removed at exit. In
// memory (/dev/shm) where there is one: ext4 flushes a file that is
// truncated and written again when it is closed, which made every input
// wait for the disk.
const std::filesystem::path& DataDir() {
  static const std::filesystem::path* const dir = [] {
    std::error_code error;
    const std::filesystem::path parent = std::filesystem::is_directory("/dev/shm", error)
                                             ? std::filesystem::path("/dev/shm")
                                             : std::filesystem::temp_directory_path();
    std::string pattern = parent / "alongside-fuzz-XXXXXX";
    ALONGSIDE_FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    auto* made = new std::filesystem::path(pattern);
    for (std::string_view name : kFileNames) WriteFile(*made / name, *rules::BuiltinDataFile(name));
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(DataDir(), ignored);
    });
    return made;
  }();
  return *dir;
}

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

template <typename Enum>
void CheckLabels(const rules::Rules& loaded, int count) {
  for (int value_idx = 0; value_idx < count; ++value_idx) {
    const std::string& label = loaded.Label(static_cast<Enum>(value_idx));
    ALONGSIDE_FUZZ_CHECK(!IsBlank(label) && IsUtf8(label));
  }
}

void CheckLoaded(const rules::Rules& loaded) {
  const rules::PracticeRules& practice = loaded.practice();
  ALONGSIDE_FUZZ_CHECK(practice.documentation_deadline_hours >= 1 &&
                       practice.documentation_deadline_hours <= 720);
  ALONGSIDE_FUZZ_CHECK(practice.contact_due_after_days >= 1 &&
                       practice.contact_due_after_days <= 365);
  ALONGSIDE_FUZZ_CHECK(practice.min_people_to_see >= 0 && practice.min_people_to_see <= 100);
  ALONGSIDE_FUZZ_CHECK(practice.future_start_tolerance_minutes >= 0 &&
                       practice.future_start_tolerance_minutes <= 1440);
  ALONGSIDE_FUZZ_CHECK(practice.earliest_contact_year >= 1970 &&
                       practice.earliest_contact_year <= 2100);
  bool any_peer_worker = false, any_supervisor = false;
  for (int role_idx = 0; role_idx < 9; ++role_idx) {
    any_peer_worker = any_peer_worker || loaded.IsPeerWorker(static_cast<domain::Role>(role_idx));
    any_supervisor = any_supervisor || loaded.IsSupervisor(static_cast<domain::Role>(role_idx));
  }
  ALONGSIDE_FUZZ_CHECK(any_peer_worker && any_supervisor);
  // The sizes of the vocabularies in domain/vocabulary.h.
  CheckLabels<domain::Role>(loaded, 9);
  CheckLabels<domain::GoalStatus>(loaded, 3);
  CheckLabels<domain::AdmissionKind>(loaded, 3);
  CheckLabels<domain::TeamSetting>(loaded, 6);
  CheckLabels<domain::ContactSetting>(loaded, 7);
  CheckLabels<domain::Modality>(loaded, 4);
  CheckLabels<domain::NoteStatus>(loaded, 2);
  CheckLabels<domain::SupervisionKind>(loaded, 2);
  CheckLabels<domain::SupervisionFocus>(loaded, 7);
  ALONGSIDE_FUZZ_CHECK(!loaded.activities().activities().empty());
  // Rules that load review a passage without breaking the review's own promises.
  const domain::LanguageReview& review = loaded.language_review();
  ALONGSIDE_FUZZ_CHECK(!review.rules().empty());
  for (const domain::LanguageRule& rule : review.rules()) {
    ALONGSIDE_FUZZ_CHECK(!review.Citation(rule.source).empty());
  }
  const std::string_view passage = "She said \"I'm an addict\"; he was non-compliant, PHQ-9 of 14.";
  std::size_t previous_end = 0;
  for (const domain::LanguageFlag& flag : review.Review(passage)) {
    ALONGSIDE_FUZZ_CHECK(flag.start >= previous_end && flag.start < flag.end &&
                         flag.end <= passage.size());
    previous_end = flag.end;
  }
  // Completeness rules that load give every part a message and read a note
  // the same way twice.
  const domain::NoteCompletenessRules& completeness = loaded.note_completeness();
  for (std::string_view code : domain::kNotePartCodes) {
    ALONGSIDE_FUZZ_CHECK(!IsBlank(completeness.Message(code)));
  }
  const std::string_view note = "Purpose: the form.\nWe practised; she said it helped. Next: Tue";
  ALONGSIDE_FUZZ_CHECK(completeness.NarrativeCovers(note) == completeness.NarrativeCovers(note));
}

}  // namespace
}  // namespace alongside::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alongside;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.empty()) return 0;
  std::size_t file_idx = data[0] % fuzz::kFileNames.size();
  const std::size_t newline = input.find('\n');
  for (std::size_t name_idx = 0; name_idx < fuzz::kFileNames.size(); ++name_idx) {
    if (newline != std::string_view::npos &&
        input.substr(0, newline) == fuzz::kFileNames[name_idx]) {
      file_idx = name_idx;
      input.remove_prefix(newline + 1);
      break;
    }
  }
  const std::filesystem::path& dir = fuzz::DataDir();
  const std::filesystem::path path = dir / fuzz::kFileNames[file_idx];
  fuzz::WriteFile(path, input);

  Result<rules::Rules> loaded = rules::Rules::Load(dir.string());
  if (loaded.ok()) {
    fuzz::CheckLoaded(*loaded);
  } else {
    ALONGSIDE_FUZZ_CHECK(loaded.status().code() == StatusCode::kInvalidArgument);
    ALONGSIDE_FUZZ_CHECK(loaded.status().field().rfind(dir.string(), 0) == 0);
  }
  fuzz::WriteFile(path, *rules::BuiltinDataFile(fuzz::kFileNames[file_idx]));
  return 0;
}
