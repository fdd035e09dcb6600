// The audit log's hash chain, shared by every backend: each row's hash is
// SHA-256 over the previous row's hash and the row's own fields, so altering,
// deleting or reordering any row breaks every hash after it.
#pragma once

#include <string>

#include "store/store.h"

namespace alongside::store {

inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Hash of `entry` (its seq, fields and prev_hash; not its own hash).
std::string AuditRowHash(const AuditEntry& entry);

// Walks rows in seq order. Feed each row with Check(); the first failure is
// kept. Finish() also checks that the last row is the recorded chain head
// (so truncating the tail is caught).
class AuditChainVerifier {
 public:
  void Check(const AuditEntry& entry);
  AuditVerification Finish(std::int64_t head_seq, const std::string& head_hash);

 private:
  void Fail(std::int64_t seq, std::string problem);

  AuditVerification result_;
  std::int64_t expected_seq_ = 1;
  std::string prev_hash_ = kAuditGenesisHash;
};

}  // namespace alongside::store
