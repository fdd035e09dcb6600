// Domain values as the JSON the API sends. Field names are snake_case and
// match the input fields of the same resources.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/model.h"
#include "store/store.h"

namespace alongside::server {

nlohmann::json ToJson(const domain::Person& person);
nlohmann::json ToJson(const store::PersonRow& row);
nlohmann::json ToJson(const domain::ContactVersion& version);
nlohmann::json ToJson(const domain::Contact& contact,
                      const std::vector<store::Annotation>& annotations);
nlohmann::json ToJson(const store::ContactRow& row);
nlohmann::json ToJson(const store::Annotation& annotation);
nlohmann::json ToJson(const domain::Goal& goal,
                      const std::vector<domain::GoalProgress>& progress);
nlohmann::json ToJson(const domain::GoalProgress& progress);
nlohmann::json ToJson(const domain::Staff& staff);
nlohmann::json ToJson(const domain::Team& team);
nlohmann::json ToJson(const domain::Assignment& assignment);
nlohmann::json ToJson(const domain::SupervisionSession& session);
nlohmann::json ToJson(const domain::Admission& admission);
nlohmann::json ToJson(const domain::Certification& certification);
nlohmann::json ToJson(const store::ProgramSummary& summary);
nlohmann::json ToJson(const domain::DriftFlag& flag);
nlohmann::json ToJson(const domain::AdviceRequest& request);
nlohmann::json ToJson(const domain::BoundaryGuidance& guidance);
nlohmann::json ToJson(const domain::BoundaryRecord& record);
nlohmann::json ToJson(const domain::PersonPlan& plan);
nlohmann::json ToJson(const domain::SafetyStep& step);
nlohmann::json ToJson(const domain::SafetyReview& review);
nlohmann::json ToJson(const domain::SafetyEvent& event);
nlohmann::json ToJson(const domain::Notification& notification);

}  // namespace alongside::server
