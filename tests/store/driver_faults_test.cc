// Fault injection at the driver (issue 12): for each write of the store and
// every N up to the number of driver calls it makes, the N-th call fails
// (tests/support/faulty_driver.h). The write must return a clean error,
// leave no partial rows (every record, every sign-in and session, the audit
// log's length), and the audit chain must still verify; the next write
// without a failure must then succeed. On SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/open.h"
#include "support/faulty_driver.h"
#include "support/test_support.h"

namespace alongside::store {
namespace {

using testing::DraftVersion;
using testing::DriverFaultPlan;
using testing::kTestActor;
using testing::SmallProgram;
using testing::TempDir;

constexpr Instant kStart = 1'790'000'000;

// A write, run again and again: `round` makes each run's record its own.
struct Write {
  std::string name;
  std::function<Status(Store&, const SmallProgram&, Id contact, int round)> run;
};

template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.ok() ? Status::Ok() : result.status();
}

std::vector<Write> Writes() {
  return {
      {"record a contact",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         return StatusOf(store.RecordContact(
             ids.person, ids.worker, DraftVersion(ids.worker, kStart + round * 7200), kTestActor));
       }},
      {"revise a contact",
       [](Store& store, const SmallProgram& ids, Id contact, int round) {
         domain::ContactVersion next = DraftVersion(ids.worker, kStart);
         next.note = "Revised, round " + std::to_string(round) + ".";
         return StatusOf(store.AppendContactVersion(
             contact, [&](const domain::Contact&) -> Result<domain::ContactVersion> { return next; },
             kTestActor, "contact.revise"));
       }},
      {"add a goal",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         domain::GoalVersion first;
         first.words = "Walk to the park, round " + std::to_string(round) + ".";
         return StatusOf(store.AddGoal(ids.person, first, kTestActor));
       }},
      {"update the person's own words",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         return store.UpdatePersonProfile(ids.person, "they/them",
                                          "Round " + std::to_string(round) + ".", kTestActor);
       }},
      {"plan a contact",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         domain::PlannedContact plan;
         plan.person_id = ids.person;
         plan.worker_id = ids.worker;
         plan.at = kStart + round * 3600;
         plan.place = "the library";
         plan.purpose = "look for a job listing together";
         plan.created_at = kStart;
         return StatusOf(store.AddPlannedContact(plan, kTestActor));
       }},
      {"record an attempt",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         return StatusOf(store.AddContactAttempt(
             {0, ids.person, ids.worker, kStart + round * 60, domain::ContactSetting::kPhone},
             kTestActor));
       }},
      {"add a hospital stay",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         return StatusOf(store.AddAdmission({0, ids.person, domain::AdmissionKind::kPsychiatricInpatient,
                                             20100 + round * 20, 20105 + round * 20, "St. Anne's"},
                                            kTestActor));
       }},
      {"annotate a note",
       [](Store& store, const SmallProgram& ids, Id contact, int round) {
         return StatusOf(store.AddAnnotation(
             {0, contact, ids.person, "My words, round " + std::to_string(round) + ".", kStart},
             kTestActor));
       }},
      {"add a sign-in",
       [](Store& store, const SmallProgram& ids, Id, int round) {
         Account account;
         account.username = "peer" + std::to_string(round);
         account.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
         account.role = domain::Role::kPeerSpecialist;
         account.staff_id = ids.worker;
         return StatusOf(store.AddAccount(account, kTestActor));
       }},
      {"start a session",
       [](Store& store, const SmallProgram&, Id, int round) {
         Result<Account> account = store.FindAccount("peer0");
         if (!account.ok()) return account.status();
         Session session;
         session.token_hash = "token-" + std::to_string(round);
         session.account_id = account->id;
         session.csrf_token = "csrf";
         session.created_at = session.last_seen_at = kStart;
         session.expires_at = kStart + 3600;
         return store.CreateSession(session);
       }},
      {"save the program's settings",
       [](Store& store, const SmallProgram&, Id, int round) {
         return store.SaveProgramSettings(
             {round % 2 ? "America/Chicago" : "America/New_York"}, kTestActor);
       }},
  };
}

// What a failed write must leave as it was.
struct Snapshot {
  std::string records;
  std::int64_t audit_rows = 0;
  bool operator==(const Snapshot&) const = default;
};

Snapshot Take(Store& store) {
  return {store.ContentDigest().value(), store.VerifyAudit().value().rows_checked};
}

class DriverFaultsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DriverFaultsTest, EveryFailedDriverCallLeavesACleanErrorAndNoPartialRows) {
  if (GetParam() == "postgres" && !testing::PostgresUnavailable().empty()) {
    GTEST_SKIP() << testing::PostgresUnavailable();
  }
  TempDir dir;
  auto plan = std::make_shared<DriverFaultPlan>();
  Result<std::unique_ptr<Store>> opened =
      OpenStore(testing::FreshDatabaseOn(GetParam(), dir, "faults.db"), OpenMode::kCreate,
                testing::FaultyWriter(plan));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& store = **opened;
  const SmallProgram ids = testing::MakeSmallProgram(store);
  const Id contact =
      store.RecordContact(ids.person, ids.worker, DraftVersion(ids.worker, kStart), kTestActor)
          .value();

  Account peer0;
  peer0.username = "peer0";
  peer0.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  peer0.role = domain::Role::kPeerSpecialist;
  peer0.staff_id = ids.worker;
  ASSERT_TRUE(store.AddAccount(peer0, kTestActor).ok());

  int round = 0;
  for (const Write& write : Writes()) {
    SCOPED_TRACE(write.name);
    // Once to prepare what it prepares, once to count its calls.
    plan->Reset(0);
    ASSERT_TRUE(write.run(store, ids, contact, ++round).ok());
    plan->Reset(0);
    ASSERT_TRUE(write.run(store, ids, contact, ++round).ok());
    const long calls = plan->calls;
    ASSERT_GT(calls, 0);
    for (long fail_at = 1; fail_at <= calls; ++fail_at) {
      SCOPED_TRACE("driver call " + std::to_string(fail_at) + " of " + std::to_string(calls));
      plan->Reset(0);
      const Snapshot before = Take(store);
      plan->Reset(fail_at);
      Status failed = write.run(store, ids, contact, ++round);
      const long failures = plan->failures;
      plan->Reset(0);
      ASSERT_EQ(failures, 1) << "the write made fewer calls this time";
      EXPECT_FALSE(failed.ok()) << "a failed driver call was answered as success";
      EXPECT_NE(failed.code(), StatusCode::kInvalidArgument) << failed.ToString();
      EXPECT_TRUE(Take(store) == before) << "the failed write left rows behind";
      EXPECT_TRUE(store.VerifyAudit().value().intact);
      if (write.name == "add a sign-in") {
        EXPECT_EQ(store.FindAccount("peer" + std::to_string(round)).status().code(),
                  StatusCode::kNotFound);
      }
      if (write.name == "start a session") {
        EXPECT_EQ(store.FindSession("token-" + std::to_string(round)).status().code(),
                  StatusCode::kNotFound);
      }
    }
    // And the store goes on: the next write succeeds.
    plan->Reset(0);
    EXPECT_TRUE(write.run(store, ids, contact, ++round).ok());
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DriverFaultsTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace alongside::store
