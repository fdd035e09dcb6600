#include "domain/activity_catalog.h"

#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace alongside::embedded {
extern const std::string_view data_activities_json;
}

namespace alongside::domain {

Result<ActivityCatalog> ActivityCatalog::FromJson(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("activities") ||
      !doc["activities"].is_array()) {
    return Status::InvalidArgument("activities", "catalog must be an object with an array");
  }
  ActivityCatalog catalog;
  for (const nlohmann::json& entry : doc["activities"]) {
    std::string where = "activities[" + std::to_string(catalog.activities_.size()) + "]";
    if (!entry.is_object() || !entry.contains("code") || !entry["code"].is_string() ||
        !entry.contains("label") || !entry["label"].is_string() || !entry.contains("scope") ||
        !entry["scope"].is_string()) {
      return Status::InvalidArgument(where, "needs string code, label and scope");
    }
    Activity activity{entry["code"], entry["label"], ActivityScope::kPeer};
    std::string scope = entry["scope"];
    if (scope == "clinical-only") {
      activity.scope = ActivityScope::kClinicalOnly;
    } else if (scope != "peer") {
      return Status::InvalidArgument(where + ".scope", "must be peer or clinical-only");
    }
    if (activity.code.empty() || catalog.index_.count(activity.code)) {
      return Status::InvalidArgument(where + ".code", "must be unique and not empty");
    }
    catalog.index_[activity.code] = catalog.activities_.size();
    catalog.activities_.push_back(std::move(activity));
  }
  return catalog;
}

const ActivityCatalog& ActivityCatalog::Default() {
  static const ActivityCatalog catalog = [] {
    Result<ActivityCatalog> loaded = FromJson(embedded::data_activities_json);
    if (!loaded.ok()) {
      // The catalog ships inside the binary: failing here is a build defect.
      std::fprintf(stderr, "built-in activity catalog is invalid: %s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return catalog;
}

const Activity* ActivityCatalog::Find(std::string_view code) const {
  auto found = index_.find(std::string(code));
  return found == index_.end() ? nullptr : &activities_[found->second];
}

}  // namespace alongside::domain
