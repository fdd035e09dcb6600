#include "support/faulty_store.h"

#include <stdexcept>

namespace alongside::testing {

void FaultyStore::Arm(const Fault& fault) {
  if (fault.nth < 1) throw std::invalid_argument("FaultyStore: nth counts from 1");
  if (fault.error.ok()) throw std::invalid_argument("FaultyStore: the injected error must fail");
  if (fault.timing == Timing::kAfterCall && fault.counting != Counting::kWritesOnly) {
    throw std::invalid_argument("FaultyStore: only a write can fail after it went through");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  fault_ = fault;
  calls_.clear();
  counted_ = 0;
  failed_.reset();
}

void FaultyStore::Disarm() {
  std::lock_guard<std::mutex> lock(mutex_);
  fault_.reset();
  calls_.clear();
  counted_ = 0;
  failed_.reset();
}

std::vector<FaultyStore::Call> FaultyStore::Calls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return calls_;
}

std::optional<FaultyStore::Call> FaultyStore::Failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_;
}

FaultyStore::Fate FaultyStore::Count(const char* name, bool write) {
  std::lock_guard<std::mutex> lock(mutex_);
  calls_.push_back(Call{name, write});
  if (!fault_) return {};
  if (fault_->counting == Counting::kWritesOnly && !write) return {};
  if (++counted_ != fault_->nth) return {};
  failed_ = calls_.back();
  return {fault_->timing == Timing::kBeforeCall ? Verdict::kFailBefore : Verdict::kFailAfter,
          fault_->error};
}

}  // namespace alongside::testing
