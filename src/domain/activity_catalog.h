// The scope-of-practice catalog: every activity a contact may record, each
// either within peer scope or clinical-only. Loaded from data
// (src/rules/data/activities.json, compiled into the binary; a program may
// give its own copy, see docs/data-files.md) through the data-file loader
// rules::DataFile, and validated when loaded. Immutable after loading; safe
// to share across threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "domain/vocabulary.h"

namespace alongside::domain {

enum class ActivityScope { kPeer, kClinicalOnly };

struct Activity {
  std::string code;
  std::string label;
  ActivityScope scope = ActivityScope::kPeer;
  // The peer roles that record this activity (a Peer Bridger's hospital
  // bridging); empty: every peer role. Only for peer activities: a
  // clinical-only one is recorded by any peer worker, as role drift.
  std::vector<Role> roles;
};

class ActivityCatalog {
 public:
  // Parses the JSON catalog read from `file_name`; InvalidArgument with
  // field() "<file_name>:<line>:<column>" and detail() naming the entry at
  // fault ("activities[3].scope must be peer or clinical-only"). The schema
  // is closed: unknown keys are errors; codes are unique, non-empty,
  // lower-case letters, digits and '_'; at least one activity; "roles",
  // when given, lists peer worker roles of a peer activity.
  static Result<ActivityCatalog> FromJson(std::string_view json_text,
                                          std::string file_name = "activities.json");
  // The catalog in force: the one installed by InstallCurrent (a program's
  // own, from rules::Install), else the one compiled into the binary
  // (src/rules/data/activities.json). The store's validation, the use cases
  // and the pages all read this one, so they cannot disagree.
  static const ActivityCatalog& Default();
  // Makes `catalog` the one Default() returns; it must outlive every later
  // call (rules::Install keeps it for the life of the process). Thread-safe.
  static void InstallCurrent(const ActivityCatalog* catalog);

  const Activity* Find(std::string_view code) const;
  // Whether a worker in `role` records `activity`: a clinical-only one
  // always (it is never refused, it is role drift); a peer one when its
  // roles are empty or name `role`.
  static bool Records(const Activity& activity, Role role);
  const std::vector<Activity>& activities() const { return activities_; }

 private:
  std::vector<Activity> activities_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace alongside::domain
