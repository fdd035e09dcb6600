// Sign-in and sessions. Passwords are stored as argon2id hashes (libsodium,
// 19 MiB and 2 passes at least: the OWASP minimum). A session token is 32
// random bytes sent to the browser in an HttpOnly, SameSite=Strict cookie
// (Secure behind TLS); only its SHA-256 is stored, so several server
// processes can share sessions through the database and a copy of the
// database signs no one in. Sessions end after an idle timeout or an
// absolute lifetime, whichever comes first. Repeated failed sign-ins lock the
// account for a while. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "access/principal.h"
#include "common/status.h"
#include "store/store.h"

namespace alongside::server {

using Principal = access::Principal;

struct AuthOptions {
  int idle_timeout_seconds = 30 * 60;
  int absolute_timeout_seconds = 12 * 60 * 60;
  int max_failed_logins = 5;       // then locked for lockout_seconds
  int lockout_seconds = 15 * 60;
  bool secure_cookies = false;     // set when served behind TLS
  // argon2id cost; tests may lower it, never below libsodium's minimums.
  unsigned long long argon_ops = 2;
  size_t argon_memory_bytes = 19 * 1024 * 1024;
};

inline constexpr const char* kSessionCookie = "alongside_session";

// argon2id in libsodium's encoded form ("$argon2id$v=19$m=...").
Result<std::string> HashPassword(std::string_view password, const AuthOptions& options);
bool VerifyPassword(const std::string& encoded_hash, std::string_view password);
// A random token of `bytes` random bytes as lower-case hex.
std::string RandomToken(size_t bytes = 32);

struct SignedIn {
  Principal principal;
  std::string token;  // the raw token: goes only into the cookie
};

class Authenticator {
 public:
  Authenticator(store::Store& store, AuthOptions options);

  // Unauthenticated, with one answer and one cost, for an unknown username,
  // a wrong password or a locked account; each attempt is audited. At most
  // max_failed_logins passwords are checked per lockout, even in parallel.
  Result<SignedIn> SignIn(const std::string& username, const std::string& password,
                          const store::Actor& actor);
  // The principal of the request's session cookie; Unauthenticated when there
  // is none, it is unknown, idle too long or past its absolute expiry.
  Result<Principal> FromRequest(const httplib::Request& request);
  Status SignOut(const Principal& principal, const store::Actor& actor);
  // Ends every session of the principal's account but this one; how many.
  Result<int> SignOutElsewhere(const Principal& principal, const store::Actor& actor);
  // Checks the current password, sets the new one (8..1024 characters) and
  // ends every other session of the account. InvalidArgument naming
  // current_password or new_password.
  Status ChangePassword(const Principal& principal, const std::string& current_password,
                        const std::string& new_password, const store::Actor& actor);

  std::string SessionCookie(const std::string& token) const;
  std::string ExpiredCookie() const;
  const AuthOptions& options() const { return options_; }

 private:
  Result<Principal> PrincipalFor(const store::Account& account);

  store::Store& store_;
  AuthOptions options_;
  std::string dummy_hash_;  // see the constructor
};

// The principal of an account, greeted by `display_name`.
Principal PrincipalOf(const store::Account& account, std::string display_name);

// Constant-time comparison of a submitted CSRF token with the session's.
bool CsrfTokenMatches(const Principal& principal, std::string_view submitted);

}  // namespace alongside::server
