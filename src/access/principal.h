// Who is making a request, after sign-in: the one value every access
// decision and every use case is given. Plain data; built by the server's
// Authenticator (server/auth.h) or by the command line.
#pragma once

#include <optional>
#include <string>

#include "domain/model.h"
#include "store/store.h"

namespace alongside::access {

struct Principal {
  store::Id account_id = 0;
  std::string username;
  store::AccountKind kind = store::AccountKind::kStaff;
  std::optional<domain::Role> role;   // staff only
  std::optional<store::Id> staff_id;  // staff only
  std::optional<store::Id> person_id; // people served only
  std::string display_name;
  std::string time_zone;  // the program's setting, read with the session ("" = never set)
  std::string csrf_token;
  std::string token_hash;

  bool IsPerson() const { return kind == store::AccountKind::kPerson; }
  bool HasRole(domain::Role wanted) const { return role && *role == wanted; }
  // "staff:12" or "person:40", for the audit log.
  std::string AuditName() const;
};

}  // namespace alongside::access
