// The study designs `alongside evaluate` knows, by name.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace alongside::evaluation {

enum class Design { kReadmission, kHospitalizationRate, kStigmaTraining };

// "readmission", "hospitalization-rate", "stigma-training".
std::string_view DesignName(Design design);
// InvalidArgument("design", ...) listing the known designs for any other name.
Result<Design> ParseDesign(std::string_view name);
// "readmission, hospitalization-rate, stigma-training"
std::string DesignList();

}  // namespace alongside::evaluation
