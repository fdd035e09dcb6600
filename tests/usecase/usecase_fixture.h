// A store with a small program (tests/support), the access policy, and
// callers for the worker, the other worker and the person served, for the
// use-case tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/policy.h"
#include "access/principal.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_support.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

class UseCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ALONGSIDE_SKIP_WITHOUT_BACKEND();
    store_ = testing::OpenTestStore(dir_, "usecase.db");
    ASSERT_NE(store_, nullptr);
    ids_ = testing::MakeSmallProgram(*store_);
    policy_ = std::make_unique<access::Policy>(*store_);
    worker_.role = domain::Role::kPeerSpecialist;
    worker_.staff_id = ids_.worker;
    worker_.username = "peer";
    other_worker_.role = domain::Role::kPeerSpecialist;
    other_worker_.staff_id = ids_.other_worker;
    other_worker_.username = "peer2";
    person_.kind = store::AccountKind::kPerson;
    person_.person_id = ids_.person;
    person_.username = "person";
  }

  Services services() { return Services{*store_, *policy_}; }
  Caller As(const access::Principal& who) { return Caller{who, {who.username, "test"}, kNow}; }

  std::int64_t AuditRows() { return store_->VerifyAudit().value().rows_checked; }

  // 2026-11-20 12:00 UTC: after the small program's assignments began.
  static constexpr Instant kNow = 1'795'176'000;

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<access::Policy> policy_;
  testing::SmallProgram ids_;
  access::Principal worker_, other_worker_, person_;
};

}  // namespace alongside::usecase
