#include "access/principal.h"

#include <fmt/format.h>

namespace alongside::access {

std::string Principal::AuditName() const {
  if (IsPerson()) return fmt::format("person:{}", person_id.value_or(0));
  return fmt::format("staff:{}", staff_id.value_or(0));
}

}  // namespace alongside::access
