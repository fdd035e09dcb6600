#include "server/auth.h"

#include <sodium.h>

#include <fmt/format.h>

#include "common/hash.h"
#include "common/time.h"

namespace alongside::server {
namespace {

std::string CookieValue(const httplib::Request& request, const std::string& name) {
  std::string header = request.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(pos, end - pos);
    size_t start = pair.find_first_not_of(' ');
    if (start != std::string::npos) pair = pair.substr(start);
    if (pair.size() > name.size() && pair.compare(0, name.size(), name) == 0 &&
        pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    pos = end + 1;
  }
  return "";
}

// The one answer to every refused sign-in (unknown name, wrong password,
// locked account): which of them it was is not told, nor shown by timing.
Status WrongCredentials(int max_failed_logins, int lockout_seconds) {
  return Status::Unauthenticated(fmt::format(
      "the username or password is not right (after {} wrong tries in a row an account is "
      "locked for {} minutes)",
      max_failed_logins, lockout_seconds / 60));
}

}  // namespace


Result<std::string> HashPassword(std::string_view password, const AuthOptions& options) {
  if (password.size() < 8) return Status::InvalidArgument("password", "must be at least 8 characters");
  if (password.size() > 1024) return Status::InvalidArgument("password", "is too long");
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), options.argon_ops,
                            options.argon_memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded_hash, std::string_view password) {
  if (encoded_hash.empty()) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

bool CsrfTokenMatches(const Principal& principal, std::string_view submitted) {
  if (principal.csrf_token.empty() || submitted.size() != principal.csrf_token.size()) return false;
  return sodium_memcmp(principal.csrf_token.data(), submitted.data(), submitted.size()) == 0;
}

Authenticator::Authenticator(store::Store& store, AuthOptions options)
    : store_(store), options_(options) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  // Checked against when there is no password to check (an unknown name, a
  // locked account), at the same cost as a real one, so that every refusal
  // takes as long.
  Result<std::string> dummy = HashPassword(RandomToken(16), options_);
  if (!dummy.ok()) throw std::runtime_error(dummy.status().ToString());
  dummy_hash_ = std::move(dummy).value();
}

Result<SignedIn> Authenticator::SignIn(const std::string& username, const std::string& password,
                                       const store::Actor& actor) {
  auto audit = [&](store::Id account_id, const std::string& outcome, const std::string& detail) {
    store::AuditEntry entry;
    entry.at = NowUtc();
    entry.actor = "account:" + std::to_string(account_id);
    entry.address = actor.address;
    entry.action = "session.sign_in";
    entry.entity = "account";
    entry.entity_id = account_id;
    entry.outcome = outcome;
    entry.detail = detail;
    return store_.AppendAudit(entry).status();
  };
  const Status refused = WrongCredentials(options_.max_failed_logins, options_.lockout_seconds);
  const Instant now = NowUtc();
  Result<store::Account> account = store_.FindAccount(username);
  // Every path below makes one counting write and one password check, so an
  // unknown name, a locked account and a wrong password take as long.
  if (!account.ok()) {
    if (account.status().code() != StatusCode::kNotFound) return account.status();
    Result<bool> claimed =
        store_.ClaimSignInAttempt(0, now, options_.max_failed_logins, options_.lockout_seconds);
    if (!claimed.ok() && claimed.status().code() != StatusCode::kNotFound) {
      return claimed.status();
    }
    (void)VerifyPassword(dummy_hash_, password);
    LogIfFailed(audit(0, "denied", "unknown username"), "audit of a refused sign-in");
    return refused;
  }
  // Count the try before checking the password: parallel guesses each take a
  // try, and none is checked once the tries are spent. An error here is
  // answered as an error, never as one more free try.
  ALONGSIDE_ASSIGN_OR_RETURN(bool may_try,
                             store_.ClaimSignInAttempt(account->id, now, options_.max_failed_logins,
                                                       options_.lockout_seconds));
  if (!may_try) {
    (void)VerifyPassword(dummy_hash_, password);
    LogIfFailed(audit(account->id, "denied", "account locked after repeated failed sign-ins"),
                "audit of a refused sign-in");
    return refused;
  }
  if (!VerifyPassword(account->password_hash, password)) {
    LogIfFailed(audit(account->id, "denied", "wrong password"), "audit of a refused sign-in");
    return refused;
  }
  ALONGSIDE_RETURN_IF_ERROR(store_.RecordSuccessfulLogin(account->id));
  // Everything the answer needs is read before the session exists, so that
  // a failed read leaves no session behind.
  ALONGSIDE_ASSIGN_OR_RETURN(Principal principal, PrincipalFor(*account));
  SignedIn signed_in;
  signed_in.token = RandomToken();
  store::Session session{Sha256Hex(signed_in.token), account->id, RandomToken(), now, now,
                         now + options_.absolute_timeout_seconds};
  if (Status created = store_.CreateSession(session); !created.ok()) {
    // The write may have committed with its answer lost: take it back.
    LogIfFailed(store_.DeleteSession(session.token_hash), "removal of an unacknowledged session");
    return created;
  }
  signed_in.principal = std::move(principal);
  signed_in.principal.csrf_token = session.csrf_token;
  signed_in.principal.token_hash = session.token_hash;
  // No audit row, no session: a sign-in that cannot be logged is refused.
  Status audited = audit(account->id, "ok", "");
  if (!audited.ok()) {
    LogIfFailed(store_.DeleteSession(session.token_hash), "removal of an unaudited session");
    return Status::Unavailable("signing in is not possible right now; try again shortly");
  }
  return signed_in;
}

Principal PrincipalOf(const store::Account& account, std::string display_name) {
  Principal principal;
  principal.account_id = account.id;
  principal.username = account.username;
  principal.kind = account.kind;
  principal.role = account.role;
  principal.staff_id = account.staff_id;
  principal.person_id = account.person_id;
  principal.display_name = std::move(display_name);
  return principal;
}

Result<Principal> Authenticator::PrincipalFor(const store::Account& account) {
  Principal principal = PrincipalOf(account, "");
  if (account.staff_id) {
    Result<domain::Staff> staff = store_.GetStaff(*account.staff_id);
    if (!staff.ok()) return staff.status();
    principal.display_name = staff->display_name;
  } else if (account.person_id) {
    Result<domain::Person> person = store_.GetPerson(*account.person_id);
    if (!person.ok()) return person.status();
    principal.display_name = person->preferred_name;
  }
  return principal;
}

Result<Principal> Authenticator::FromRequest(const httplib::Request& request) {
  std::string token = CookieValue(request, kSessionCookie);
  if (token.empty()) return Status::Unauthenticated("sign in first");
  std::string token_hash = Sha256Hex(token);
  // One read: the session, its account and the name (every request pays it).
  Result<store::SignedInRecord> record = store_.FindSignedIn(token_hash);
  if (!record.ok()) return Status::Unauthenticated("your session has ended; sign in again");
  const store::Session& session = record->session;
  Instant now = NowUtc();
  if (session.expires_at <= now || session.last_seen_at + options_.idle_timeout_seconds <= now) {
    LogIfFailed(store_.DeleteSession(token_hash), "removal of an ended session");
    return Status::Unauthenticated("your session has ended; sign in again");
  }
  // Sliding the idle window costs a durable write: once a minute is enough.
  if (now - session.last_seen_at >= 60) {
    LogIfFailed(store_.TouchSession(token_hash, now), "sliding a session's idle window");
  }
  Principal principal = PrincipalOf(record->account, record->display_name);
  principal.time_zone = record->time_zone;
  principal.csrf_token = session.csrf_token;
  principal.token_hash = token_hash;
  return principal;
}

Status Authenticator::SignOut(const Principal& principal, const store::Actor& actor) {
  // The session ends with its audit row, or neither happens.
  return store_.EndSession(principal.token_hash, principal.account_id,
                           {principal.AuditName(), actor.address});
}

Status Authenticator::ChangePassword(const Principal& principal,
                                     const std::string& current_password,
                                     const std::string& new_password,
                                     const store::Actor& actor) {
  ALONGSIDE_ASSIGN_OR_RETURN(store::Account account, store_.GetAccount(principal.account_id));
  // A wrong current password counts toward the lock-out, as at sign-in: a
  // borrowed session cannot be used to guess the password.
  ALONGSIDE_ASSIGN_OR_RETURN(bool may_try,
                             store_.ClaimSignInAttempt(account.id, NowUtc(),
                                                       options_.max_failed_logins,
                                                       options_.lockout_seconds));
  if (!may_try || !VerifyPassword(account.password_hash, current_password)) {
    return Status::InvalidArgument(
        "current_password",
        fmt::format("is not right (after {} wrong tries in a row the account is locked for {} "
                    "minutes)",
                    options_.max_failed_logins, options_.lockout_seconds / 60));
  }
  ALONGSIDE_RETURN_IF_ERROR(store_.RecordSuccessfulLogin(account.id));
  if (new_password == current_password) {
    return Status::InvalidArgument("new_password", "must differ from the current password");
  }
  Result<std::string> hash = HashPassword(new_password, options_);
  if (!hash.ok()) {
    return hash.status().code() == StatusCode::kInvalidArgument
               ? Status::InvalidArgument("new_password", hash.status().detail())
               : hash.status();
  }
  return store_.ChangePassword(principal.account_id, *hash, principal.token_hash, actor);
}

Result<int> Authenticator::SignOutElsewhere(const Principal& principal, const store::Actor& actor) {
  return store_.EndOtherSessions(principal.account_id, principal.token_hash,
                                 {principal.AuditName(), actor.address});
}

std::string Authenticator::SessionCookie(const std::string& token) const {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie,
                     token, options_.absolute_timeout_seconds,
                     options_.secure_cookies ? "; Secure" : "");
}

std::string Authenticator::ExpiredCookie() const {
  return fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", kSessionCookie,
                     options_.secure_cookies ? "; Secure" : "");
}

}  // namespace alongside::server
