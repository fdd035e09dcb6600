#include "domain/activity_catalog.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "rules/data_file.h"

namespace alongside::domain {
Result<ActivityCatalog> ActivityCatalog::FromJson(std::string_view json_text,
                                                  std::string file_name) {
  using rules::DataFile;
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(
      file.RejectUnknownKeys("", {"catalog", "version", "description", "activities"}));
  if (file.Find("/catalog") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/catalog").status());
  }
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/description").status());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array("/activities"));
  if (entries->empty()) return file.Error("/activities", "must list at least one activity");

  ActivityCatalog catalog;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    std::string entry = DataFile::Child("/activities", entry_idx);
    ALONGSIDE_RETURN_IF_ERROR(
        file.RejectUnknownKeys(entry, {"code", "label", "scope", "roles"}));
    Activity activity;
    ALONGSIDE_ASSIGN_OR_RETURN(activity.code, file.Code(entry + "/code"));
    if (catalog.index_.count(activity.code)) {
      return file.Error(entry + "/code", "repeats the code " + activity.code);
    }
    ALONGSIDE_ASSIGN_OR_RETURN(activity.label, file.String(entry + "/label"));
    // Compared in place: moving the string out of the Result made GCC 12
    // warn of an uninitialised read (-Wmaybe-uninitialized, a false alarm).
    const Result<std::string> scope = file.String(entry + "/scope");
    if (!scope.ok()) return scope.status();
    if (scope.value() == "clinical-only") {
      activity.scope = ActivityScope::kClinicalOnly;
    } else if (scope.value() != "peer") {
      return file.Error(entry + "/scope", "must be peer or clinical-only");
    }
    if (file.Find(entry + "/roles") != nullptr) {
      if (activity.scope == ActivityScope::kClinicalOnly) {
        return file.Error(entry + "/roles",
                          "is for peer activities: a clinical-only one is recorded by any peer "
                          "worker, as role drift");
      }
      ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* roles, file.Array(entry + "/roles"));
      if (roles->empty()) return file.Error(entry + "/roles", "must name at least one role");
      for (size_t role_idx = 0; role_idx < roles->size(); ++role_idx) {
        const std::string at = DataFile::Child(entry + "/roles", role_idx);
        ALONGSIDE_ASSIGN_OR_RETURN(std::string name, file.String(at));
        Result<Role> role = ParseRole(name, "roles");
        if (!role.ok() || !IsPeerWorkerRole(*role)) {
          return file.Error(at, "must be a peer worker role: peer_specialist, peer_bridger or "
                                "recovery_coach");
        }
        activity.roles.push_back(*role);
      }
    }
    catalog.index_[activity.code] = catalog.activities_.size();
    catalog.activities_.push_back(std::move(activity));
  }
  return catalog;
}

namespace {
std::atomic<const ActivityCatalog*> installed_catalog{nullptr};
}  // namespace

void ActivityCatalog::InstallCurrent(const ActivityCatalog* catalog) {
  installed_catalog.store(catalog, std::memory_order_release);
}

const ActivityCatalog& ActivityCatalog::Default() {
  if (const ActivityCatalog* installed = installed_catalog.load(std::memory_order_acquire)) {
    return *installed;
  }
  static const ActivityCatalog catalog =
      rules::ParseBuiltinOrAbort("activities.json", "activity catalog", &FromJson);
  return catalog;
}

bool ActivityCatalog::Records(const Activity& activity, Role role) {
  if (activity.scope == ActivityScope::kClinicalOnly || activity.roles.empty()) return true;
  return std::find(activity.roles.begin(), activity.roles.end(), role) != activity.roles.end();
}

const Activity* ActivityCatalog::Find(std::string_view code) const {
  auto found = index_.find(std::string(code));
  return found == index_.end() ? nullptr : &activities_[found->second];
}

}  // namespace alongside::domain
