// The templates of the two plans a person owns (docs/plans.md): their
// wellness plan (a wellness and recovery action plan after Copeland: seven
// sections) and their safety plan (after Stanley & Brown 2012: six steps and
// what matters most to them), and the crisis lines shown with every safety
// plan and on the risk flow.
//
// A template gives the label people read, and the sections in the order they
// are shown: each a stable code (stored with every version of a plan), a
// heading in the person's voice, a line of help and the most bytes the
// section may hold. The words are data (src/rules/data/plan_templates.json,
// compiled into the binary; a program may give its own copy, see
// docs/data-files.md), validated when the file loads. A program may reword,
// reorder, resize and add sections, never remove one of the built-in codes
// (kWellnessSectionCodes, kSafetySectionCodes): versions already stored hold
// words under them, and a safety plan keeps all its steps.
//
// A PlanTemplates is immutable after loading and safe to use from any number
// of threads; ValidatePlanVersion and Normalise are pure.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "domain/vocabulary.h"

namespace alongside::domain {

// The sections every wellness plan has, in the built-in order.
inline constexpr std::array<std::string_view, 7> kWellnessSectionCodes = {
    "wellness_toolbox", "daily_maintenance", "triggers",    "early_warning_signs",
    "breaking_down",    "crisis_plan",       "post_crisis",
};
// The sections every safety plan has, in the built-in order: the six steps,
// then what matters most to the person.
inline constexpr std::array<std::string_view, 7> kSafetySectionCodes = {
    "warning_signs",           "internal_coping",   "distraction",       "people_to_ask",
    "professionals_and_lines", "safer_environment", "what_matters_most",
};

// A plan holds at most this many sections, and a section at most this many
// bytes (a template's max_bytes is 1 to kMaxPlanSectionBytes).
inline constexpr size_t kMaxPlanSections = 24;
inline constexpr size_t kMaxPlanSectionBytes = 20000;

struct PlanTemplateSection {
  std::string code;      // lower-case letters, digits and '_'; unique in its plan
  std::string heading;   // "Signs that a hard time may be coming"
  std::string help;      // one or two short sentences under the heading
  size_t max_bytes = 0;  // the most bytes the person's words may take

  bool operator==(const PlanTemplateSection&) const = default;
};

struct PlanTemplate {
  PlanKind kind = PlanKind::kWellness;
  std::string label;                          // "My safety plan"
  std::vector<PlanTemplateSection> sections;  // in the order they are shown

  // The section with this code, or nullptr.
  const PlanTemplateSection* Find(std::string_view code) const;
};

// A line a person can call or text in a crisis.
struct CrisisLine {
  std::string label;  // "988 Suicide & Crisis Lifeline"
  std::string how;    // "Call or text 988, or chat at 988lifeline.org"
  std::string note;   // "Free and private, any time, day or night."

  bool operator==(const CrisisLine&) const = default;
};

class PlanTemplates {
 public:
  // Parses the templates file read from `file_name`; InvalidArgument with
  // field() "<file_name>:<line>:<column>" and detail() naming the value at
  // fault ("plans.safety.sections[2].code repeats the code distraction").
  // The schema is closed (docs/data-files.md, plan_templates.json): both
  // kinds, each with a label and 1 to kMaxPlanSections sections holding
  // every built-in code of its kind, codes unique within a kind, each
  // section with a heading, help and max_bytes; at least one crisis line,
  // each with a label, how and a note.
  static Result<PlanTemplates> FromJson(std::string_view json_text,
                                        std::string file_name = "plan_templates.json");
  // The templates in force: the ones installed by InstallCurrent (a
  // program's own, from rules::Install), else the built-in ones (aborts on
  // first use if the built-in file is missing or invalid: a build defect).
  static const PlanTemplates& Default();
  // Makes `templates` the one Default() returns (nullptr: the built-in
  // ones again); it must outlive every later call. Thread-safe.
  static void InstallCurrent(const PlanTemplates* templates);

  // The template of a kind. A default-constructed PlanTemplates has empty
  // ones.
  const PlanTemplate& Of(PlanKind kind) const;
  // The crisis lines, in the file's order; never empty once loaded.
  const std::vector<CrisisLine>& crisis_lines() const { return crisis_lines_; }

  // Whether `version` holds acceptable sections for a plan of `kind`; Ok or
  // InvalidArgument naming the field, for the first problem in the
  // version's order:
  //   "sections.<code>" when the code is not a section of this kind (a code
  //     that is not lower-case letters, digits and '_', at most 64 bytes, is
  //     named "sections" instead), when it is given a second time, when its
  //     words are empty or only whitespace (the caller leaves such a section
  //     out), longer than the section's max_bytes, or not UTF-8 text without
  //     NUL characters;
  //   "sections" when no section is given (a plan needs words in at least
  //     one).
  // Words are checked as written, never trimmed. The sections' order is not
  // checked (Normalise puts them in order); nor is anything else of the
  // version.
  [[nodiscard]] Status ValidatePlanVersion(PlanKind kind, const PlanVersion& version) const;

  // `sections` in the template's order, without those whose words are empty
  // or only whitespace; words are kept exactly as given. Sections whose code
  // is not in the template follow the others in their given order, and a
  // code given twice stays twice, so that ValidatePlanVersion names them.
  std::vector<PlanSection> Normalise(PlanKind kind, std::vector<PlanSection> sections) const;

 private:
  std::array<PlanTemplate, 2> templates_{
      PlanTemplate{PlanKind::kWellness, {}, {}},
      PlanTemplate{PlanKind::kSafety, {}, {}},
  };
  std::vector<CrisisLine> crisis_lines_;
};

}  // namespace alongside::domain
