#include "store/store.h"

namespace alongside::store {

size_t LoadBatch::size() const {
  return programs.size() + teams.size() + staff.size() + certifications.size() + people.size() +
         assignments.size() + contacts.size() + goals.size() + goal_progress.size() +
         supervision_sessions.size() + admissions.size() + plans.size() + safety_events.size();
}

}  // namespace alongside::store
