// A driver connection (store/sql/driver.h) that forwards to a real one and
// fails the N-th call made through it (Exec, Take, or a cursor's Step)
// without forwarding it, as a lost connection, a full disk or a killed
// database server would. Wrapped around a store's write connection with
// store::OpenStore's WriterWrapper, it lets a test fail every driver call a
// write makes, one at a time (tests/store/driver_faults_test.cc).
#pragma once

#include <atomic>
#include <memory>

#include "store/open.h"
#include "store/sql/driver.h"

namespace alongside::testing {

// Shared between the test and the wrapper: which call fails, and how many
// calls were made since the count was last reset.
struct DriverFaultPlan {
  std::atomic<long> calls{0};
  std::atomic<long> fail_at{0};  // 0: nothing fails; N: the N-th call from now
  std::atomic<long> failures{0};

  void Reset(long fail_call) {
    calls = 0;
    failures = 0;
    fail_at = fail_call;
  }
  // Counts a call; true when this one must fail.
  bool Fails() {
    long call = ++calls;
    if (fail_at > 0 && call == fail_at) {
      ++failures;
      return true;
    }
    return false;
  }
};

store::WriterWrapper FaultyWriter(std::shared_ptr<DriverFaultPlan> plan);

}  // namespace alongside::testing
