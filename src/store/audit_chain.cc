#include "store/audit_chain.h"

#include <fmt/format.h>

#include "common/hash.h"

namespace alongside::store {

std::string AuditRowHash(const AuditEntry& entry) {
  // Unit separator between fields so that no two rows share an encoding.
  std::string material = fmt::format(
      "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", entry.prev_hash, entry.seq,
      entry.at, entry.actor, entry.address, entry.action, entry.entity, entry.entity_id,
      entry.person_id ? std::to_string(*entry.person_id) : "", entry.outcome, entry.detail);
  return Sha256Hex(material);
}

void AuditChainVerifier::Fail(std::int64_t seq, std::string problem) {
  if (!result_.intact) return;
  result_.intact = false;
  result_.first_bad_seq = seq;
  result_.problem = std::move(problem);
}

void AuditChainVerifier::Check(const AuditEntry& entry) {
  ++result_.rows_checked;
  if (!result_.intact) return;
  if (entry.seq != expected_seq_) {
    Fail(expected_seq_, fmt::format("row {} is missing or out of place (found row {} there)",
                                    expected_seq_, entry.seq));
    return;
  }
  if (entry.prev_hash != prev_hash_) {
    Fail(entry.seq, fmt::format("row {} does not link to the row before it", entry.seq));
    return;
  }
  if (AuditRowHash(entry) != entry.hash) {
    Fail(entry.seq, fmt::format("row {} was altered: its content no longer matches its hash",
                                entry.seq));
    return;
  }
  prev_hash_ = entry.hash;
  ++expected_seq_;
}

AuditVerification AuditChainVerifier::Finish(std::int64_t head_seq,
                                             const std::string& head_hash) {
  std::int64_t last_seq = expected_seq_ - 1;
  if (result_.intact && (head_seq != last_seq || head_hash != prev_hash_)) {
    Fail(last_seq + 1, fmt::format("the chain ends at row {} but its recorded head is row {}",
                                   last_seq, head_seq));
  }
  return result_;
}

}  // namespace alongside::store
