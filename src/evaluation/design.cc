#include "evaluation/design.h"

#include <fmt/format.h>

namespace alongside::evaluation {

std::string_view DesignName(Design design) {
  switch (design) {
    case Design::kReadmission: return "readmission";
    case Design::kHospitalizationRate: return "hospitalization-rate";
    case Design::kStigmaTraining: return "stigma-training";
  }
  return "unknown";
}

std::string DesignList() { return "readmission, hospitalization-rate, stigma-training"; }

Result<Design> ParseDesign(std::string_view name) {
  for (Design design : {Design::kReadmission, Design::kHospitalizationRate, Design::kStigmaTraining}) {
    if (DesignName(design) == name) return design;
  }
  return Status::InvalidArgument(
      "design", fmt::format("unknown design \"{}\"; the designs are: {}", name, DesignList()));
}

}  // namespace alongside::evaluation
