#include "domain/plan_templates.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "common/text.h"
#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using rules::DataFile;

constexpr std::array<PlanKind, 2> kKinds = {PlanKind::kWellness, PlanKind::kSafety};
static_assert(static_cast<size_t>(PlanKind::kWellness) == 0 &&
              static_cast<size_t>(PlanKind::kSafety) == 1);

// A section code the errors may name as a field: what a data file's code
// may be, short enough to read.
constexpr size_t kMaxNamedCodeBytes = 64;

bool IsWellFormedCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxNamedCodeBytes) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// The built-in section codes a program's file must keep for `kind`.
std::vector<std::string_view> BuiltinCodes(PlanKind kind) {
  if (kind == PlanKind::kWellness) {
    return {kWellnessSectionCodes.begin(), kWellnessSectionCodes.end()};
  }
  return {kSafetySectionCodes.begin(), kSafetySectionCodes.end()};
}

// "wellness_toolbox, daily_maintenance, ...": a template's codes, in order.
std::string CodeList(const PlanTemplate& plan) {
  std::string list;
  for (const PlanTemplateSection& section : plan.sections) {
    if (!list.empty()) list += ", ";
    list += section.code;
  }
  return list;
}

Result<PlanTemplateSection> ReadSection(const DataFile& file, const std::string& entry) {
  ALONGSIDE_RETURN_IF_ERROR(
      file.RejectUnknownKeys(entry, {"code", "heading", "help", "max_bytes"}));
  PlanTemplateSection section;
  ALONGSIDE_ASSIGN_OR_RETURN(section.code, file.Code(entry + "/code"));
  if (section.code.size() > kMaxNamedCodeBytes) {
    return file.Error(entry + "/code",
                      "must be at most " + std::to_string(kMaxNamedCodeBytes) + " characters");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(section.heading, file.String(entry + "/heading"));
  ALONGSIDE_ASSIGN_OR_RETURN(section.help, file.String(entry + "/help"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      const int max_bytes,
      file.Integer(entry + "/max_bytes", 1, static_cast<int>(kMaxPlanSectionBytes)));
  section.max_bytes = static_cast<size_t>(max_bytes);
  return section;
}

Result<PlanTemplate> ReadTemplate(const DataFile& file, PlanKind kind) {
  const std::string pointer = DataFile::Child("/plans", Name(kind));
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(pointer, {"label", "sections"}));
  PlanTemplate plan{kind, {}, {}};
  ALONGSIDE_ASSIGN_OR_RETURN(plan.label, file.String(pointer + "/label"));

  const std::string sections = pointer + "/sections";
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array(sections));
  if (entries->empty() || entries->size() > kMaxPlanSections) {
    return file.Error(sections,
                      "must list from 1 to " + std::to_string(kMaxPlanSections) + " sections");
  }
  for (size_t section_idx = 0; section_idx < entries->size(); ++section_idx) {
    const std::string entry = DataFile::Child(sections, section_idx);
    ALONGSIDE_ASSIGN_OR_RETURN(PlanTemplateSection section, ReadSection(file, entry));
    if (plan.Find(section.code) != nullptr) {
      return file.Error(entry + "/code", "repeats the code " + section.code);
    }
    plan.sections.push_back(std::move(section));
  }
  for (std::string_view code : BuiltinCodes(kind)) {
    if (plan.Find(code) == nullptr) {
      return file.Error(sections, "must include the section " + std::string(code) +
                                      " (a built-in section may be reworded, not removed)");
    }
  }
  return plan;
}

Result<std::vector<CrisisLine>> ReadCrisisLines(const DataFile& file) {
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array("/crisis_lines"));
  if (entries->empty()) return file.Error("/crisis_lines", "must list at least one line");
  std::vector<CrisisLine> lines;
  for (size_t line_idx = 0; line_idx < entries->size(); ++line_idx) {
    const std::string entry = DataFile::Child("/crisis_lines", line_idx);
    ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(entry, {"label", "how", "note"}));
    CrisisLine line;
    ALONGSIDE_ASSIGN_OR_RETURN(line.label, file.String(entry + "/label"));
    ALONGSIDE_ASSIGN_OR_RETURN(line.how, file.String(entry + "/how"));
    ALONGSIDE_ASSIGN_OR_RETURN(line.note, file.String(entry + "/note"));
    lines.push_back(std::move(line));
  }
  return lines;
}

std::atomic<const PlanTemplates*> installed_templates{nullptr};

}  // namespace

const PlanTemplateSection* PlanTemplate::Find(std::string_view code) const {
  for (const PlanTemplateSection& section : sections) {
    if (section.code == code) return &section;
  }
  return nullptr;
}

Result<PlanTemplates> PlanTemplates::FromJson(std::string_view json_text, std::string file_name) {
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(
      file.RejectUnknownKeys("", {"version", "description", "plans", "crisis_lines"}));
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/description").status());
  }

  PlanTemplates templates;
  ALONGSIDE_RETURN_IF_ERROR(
      file.RejectUnknownKeys("/plans", {Name(PlanKind::kWellness), Name(PlanKind::kSafety)}));
  for (PlanKind kind : kKinds) {
    ALONGSIDE_ASSIGN_OR_RETURN(templates.templates_[static_cast<size_t>(kind)],
                               ReadTemplate(file, kind));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(templates.crisis_lines_, ReadCrisisLines(file));
  return templates;
}

void PlanTemplates::InstallCurrent(const PlanTemplates* templates) {
  installed_templates.store(templates, std::memory_order_release);
}

const PlanTemplates& PlanTemplates::Default() {
  if (const PlanTemplates* installed = installed_templates.load(std::memory_order_acquire)) {
    return *installed;
  }
  static const PlanTemplates* const builtin = new PlanTemplates(
      rules::ParseBuiltinOrAbort("plan_templates.json", "plan templates", &FromJson));
  return *builtin;
}

const PlanTemplate& PlanTemplates::Of(PlanKind kind) const {
  const size_t kind_idx = static_cast<size_t>(kind);
  if (kind_idx < templates_.size()) return templates_[kind_idx];
  // An integer cast to PlanKind that names no kind: a template with no sections.
  static const PlanTemplate* const kNone = new PlanTemplate();
  return *kNone;
}

Status PlanTemplates::ValidatePlanVersion(PlanKind kind, const PlanVersion& version) const {
  const PlanTemplate& plan = Of(kind);
  for (size_t section_idx = 0; section_idx < version.sections.size(); ++section_idx) {
    const PlanSection& given = version.sections[section_idx];
    if (!IsWellFormedCode(given.code)) {
      return Status::InvalidArgument("sections",
                                     "holds a section whose code is not one of: " + CodeList(plan));
    }
    const std::string field = "sections." + given.code;
    const PlanTemplateSection* section = plan.Find(given.code);
    if (section == nullptr) {
      return Status::InvalidArgument(field, "is not a section of " + plan.label +
                                                " (expected one of: " + CodeList(plan) + ")");
    }
    for (size_t earlier_idx = 0; earlier_idx < section_idx; ++earlier_idx) {
      if (version.sections[earlier_idx].code == given.code) {
        return Status::InvalidArgument(field, "is given twice");
      }
    }
    if (IsBlank(given.words)) {
      return Status::InvalidArgument(field, "must not be empty (leave the section out)");
    }
    if (given.words.size() > section->max_bytes) {
      return Status::InvalidArgument(
          field, "must be at most " + std::to_string(section->max_bytes) + " bytes");
    }
    if (!IsValidText(given.words)) {
      return Status::InvalidArgument(field, "must be UTF-8 text without NUL characters");
    }
  }
  if (version.sections.empty()) {
    return Status::InvalidArgument("sections", "must hold words in at least one section");
  }
  return Status::Ok();
}

std::vector<PlanSection> PlanTemplates::Normalise(PlanKind kind,
                                                  std::vector<PlanSection> sections) const {
  const PlanTemplate& plan = Of(kind);
  std::erase_if(sections, [](const PlanSection& section) { return IsBlank(section.words); });
  // The place of a section in the template; those not in it come last.
  auto place = [&plan](const PlanSection& section) {
    size_t section_idx = 0;
    while (section_idx < plan.sections.size() && plan.sections[section_idx].code != section.code) {
      ++section_idx;
    }
    return section_idx;
  };
  std::stable_sort(sections.begin(), sections.end(),
                   [&place](const PlanSection& left, const PlanSection& right) {
                     return place(left) < place(right);
                   });
  return sections;
}

}  // namespace alongside::domain
