// The scope-of-practice catalog: every activity a contact may record, each
// either within peer scope or clinical-only. Loaded from data
// (src/domain/data/activities.json, compiled into the binary) and validated
// when loaded. Immutable after loading; safe to share across threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace alongside::domain {

enum class ActivityScope { kPeer, kClinicalOnly };

struct Activity {
  std::string code;
  std::string label;
  ActivityScope scope = ActivityScope::kPeer;
};

class ActivityCatalog {
 public:
  // Parses the JSON catalog; InvalidArgument naming the entry at fault.
  static Result<ActivityCatalog> FromJson(std::string_view json_text);
  // The catalog compiled into the binary.
  static const ActivityCatalog& Default();

  const Activity* Find(std::string_view code) const;
  const std::vector<Activity>& activities() const { return activities_; }

 private:
  std::vector<Activity> activities_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace alongside::domain
